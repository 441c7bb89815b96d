"""Stages 3 and 5, pages: the plan of the site's pages, each page's context, the theme,
and the other files made from the data (embeds, open data, feeds, search)."""
