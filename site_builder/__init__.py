"""site_builder: a bilingual static site for a government's plan, its targets and reported outcomes."""

__version__ = "0.1.0"
