"""The preview server: serving the site, watching sources, and rebuilding the pages an edit affects."""
