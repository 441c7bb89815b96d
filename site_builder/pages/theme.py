"""The Jinja2 environment: a project theme overrides the default theme's templates by file name.

`{% extends "default/base.html" %}` reaches the default theme's own template from an override.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader, StrictUndefined, select_autoescape

from site_builder.pages.embed import embed_height, iframe_snippet, resize_snippet
from site_builder.sources.i18n import format_date, format_number


def make_environment(theme_dirs: list[Path], environment_class: type[Environment] = Environment) -> Environment:
    default = theme_dirs[-1] / "templates"
    loader = ChoiceLoader(
        [
            FileSystemLoader([str(d / "templates") for d in theme_dirs]),
            PrefixLoader({"default": FileSystemLoader(str(default))}),
        ]
    )
    env = environment_class(
        loader=loader,
        autoescape=select_autoescape(default_for_string=True, enabled_extensions=("html", "xml")),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["number"] = format_number
    env.filters["date"] = format_date
    env.globals["iframe_snippet"] = iframe_snippet
    env.globals["resize_snippet"] = resize_snippet
    env.globals["embed_height"] = embed_height
    return env


def static_files(theme_dirs: list[Path]) -> dict[str, Path]:
    """Relative path -> file, the more specific theme winning."""
    found: dict[str, Path] = {}
    for theme in reversed(theme_dirs):
        static = theme / "static"
        if static.is_dir():
            for path in sorted(static.rglob("*")):
                if path.is_file():
                    found[path.relative_to(static).as_posix()] = path
    return found
