"""Drafting data from a plan's text (`site-builder import-plan`): its areas, commitments, figures and annex
read into the data file's own format, each drafted item marked with the line and column it came from."""
