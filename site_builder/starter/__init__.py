"""`site-builder init`: a new project for another plan — a minimal valid bilingual site to fill in."""
