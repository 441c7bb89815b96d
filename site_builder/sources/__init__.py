"""Stage 1, reading: the site's settings, the plan's data and its model, the commentary and the interface
strings, each read and validated."""
