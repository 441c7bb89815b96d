"""The project's own settings, `site.toml` at the project root (optional; every key has a default).

Each setting is declared once, as a field of `SiteConfig` made with `setting()`: its type, its default,
what it is for, and what a valid value is. `load_config()` derives everything else from those
declarations, as MkDocs does from its config options: the unknown-key check (with a suggestion for a
mistyped key), the type and form checks and their error messages. A new setting is one new field.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Generic, TypeVar

from site_builder.errors import Problem, display_path

CONFIG_NAME = "site.toml"
PACKAGE_ROOT = Path(__file__).resolve().parents[2]  # the folder holding the package (in a checkout, node_modules/)
# The default theme is package data, so an installed site_builder (a wheel, `pip install .`) has it.
DEFAULT_THEME = Path(__file__).resolve().parents[1] / "themes" / "default"

T = TypeVar("T")


def _any_value(value: object) -> bool:
    return True


@dataclass(frozen=True)
class Setting(Generic[T]):
    """The declaration of one key of site.toml."""

    type: type[T]
    default: T
    doc: str
    # A valid value in words, as the error message says it: "'<key>' must be <expects>".
    expects: str
    # The form of the value, once it has the right type; False gives the "must be" message.
    valid: Callable[[T], bool] = _any_value
    # A check that needs the project (a folder that must exist): the error message, or None.
    check: Callable[[T, Path], str | None] | None = None
    # The value in the one spelling the rest of the build relies on (a trailing "/", say).
    normalise: Callable[[T], T] | None = None

    def accepts(self, value: object) -> bool:
        # TOML's true and false are Python bools, and bool is a subclass of int: an int setting
        # must not take them.
        if isinstance(value, bool) and self.type is not bool:
            return False
        return isinstance(value, self.type) and self.valid(value)


def setting(
    type_: type[T],
    default: T,
    doc: str,
    *,
    expects: str,
    valid: Callable[[T], bool] = _any_value,
    check: Callable[[T, Path], str | None] | None = None,
    normalise: Callable[[T], T] | None = None,
) -> T:
    """A `SiteConfig` field that is a key of site.toml: its dataclass default, and its declaration
    in the field's metadata for `load_config()` to read."""
    declared = Setting(type_, default, doc, expects, valid, check, normalise)
    return field(default=default, metadata={"setting": declared})


def _is_folder_name(name: str) -> bool:
    return re.fullmatch(r"[A-Za-z0-9_-]+", name) is not None


def _theme_exists(name: str, root: Path) -> str | None:
    if name != "default" and not (root / "themes" / name).is_dir():
        return f"theme folder themes/{name}/ not found"
    return None


def _is_site_address(url: str) -> bool:
    return not url or re.fullmatch(r"https?://[^\s\"'<>?#]+", url) is not None


def _folder_address(url: str) -> str:
    # Page addresses are joined to it as "base_url + path", so it must name a folder.
    return url if not url or url.endswith("/") else url + "/"


@dataclass(frozen=True)
class SiteConfig:
    root: Path
    theme: str = setting(
        str,
        "default",
        "The theme folder under themes/ whose templates, strings and static files override the default "
        "theme's, file by file.",
        expects="a folder name under themes/",
        valid=_is_folder_name,
        check=_theme_exists,
    )
    base_url: str = setting(
        str,
        "",
        'The address the site is published at, ending in "/" ("https://host/plan/"), or "" when unknown. '
        "Canonical links, the sitemap and Open Graph need absolute addresses; with \"\" the site stays "
        "relative everywhere and sitemap.xml is not written (its <loc> must be absolute).",
        expects='an http(s) address such as "https://example.org/plan/"',
        valid=_is_site_address,
        normalise=_folder_address,
    )

    @property
    def data_file(self) -> Path:
        return self.root / "data" / "targets.json"

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def cache_dir(self) -> Path:
        """Rendered chart SVGs and PNGs, keyed by what was drawn; safe to delete at any time.

        SITE_BUILDER_CACHE_DIR moves it (the test suite shares one among its many small sites); entries
        are named by a hash of everything that shapes them, so sharing never mixes up two charts."""
        shared = os.environ.get("SITE_BUILDER_CACHE_DIR", "").strip()
        return Path(shared) if shared else self.root / ".site-builder-cache"

    @property
    def config_file(self) -> Path:
        return self.root / CONFIG_NAME

    def theme_dirs(self) -> list[Path]:
        """Theme folders, most specific first: the project's chosen theme, the project's own
        `themes/default/` when it has one (it overrides the packaged theme file by file, like any
        theme), then the default theme that ships inside site_builder."""
        dirs = [self.root / "themes" / name for name in dict.fromkeys((self.theme, "default"))]
        return [d for d in dirs if d.is_dir()] + [DEFAULT_THEME]

    def echarts_file(self) -> Path | None:
        """ECharts as installed by `npm ci` in the project, or beside site_builder itself."""
        for base in (self.root, PACKAGE_ROOT):
            candidate = base / "node_modules" / "echarts" / "dist" / "echarts.min.js"
            if candidate.is_file():
                return candidate
        return None


# Every key of site.toml, in the order SiteConfig declares them.
SETTINGS: dict[str, Setting[Any]] = {
    f.name: f.metadata["setting"] for f in fields(SiteConfig) if "setting" in f.metadata
}
KNOWN_KEYS = frozenset(SETTINGS)


def _key_line(lines: list[str], key: str) -> int:
    """The line that sets `key` (`key = …`, `"key" = …`, or a `[key]` table), or 1."""
    for number, text in enumerate(lines, 1):
        stripped = text.strip()
        if stripped.startswith("[") and stripped.strip("[]").strip().strip("\"'") == key:
            return number
        if "=" in stripped and stripped.split("=", 1)[0].strip().strip("\"'") == key:
            return number
    return 1


def _unknown_key_message(key: str) -> str:
    close = difflib.get_close_matches(key, sorted(KNOWN_KEYS), n=1)
    if close:
        return f"unknown setting '{key}'; did you mean '{close[0]}'?"
    return f"unknown setting '{key}'; known: {', '.join(sorted(KNOWN_KEYS))}"


def load_config(root: Path) -> tuple[SiteConfig, list[Problem]]:
    """The settings of the project at `root`, and a problem for each key that is unknown or invalid
    (an invalid key falls back to its default, so the other checks can still run)."""
    root = root.resolve()
    path = root / CONFIG_NAME
    if not path.is_file():
        return SiteConfig(root=root), []
    shown = display_path(path, root)
    try:
        text = path.read_text(encoding="utf-8")
        raw = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        found = re.search(r"line (\d+), column (\d+)", str(exc))
        line, col = (int(found.group(1)), int(found.group(2))) if found else (1, 1)
        return SiteConfig(root=root), [Problem(shown, line, col, f"invalid TOML: {exc}")]
    lines = text.splitlines()
    problems = [
        Problem(shown, _key_line(lines, key), 1, _unknown_key_message(key)) for key in raw if key not in SETTINGS
    ]
    values: dict[str, Any] = {}
    for name, declared in SETTINGS.items():
        if name not in raw:
            continue  # the dataclass default
        value = raw[name]
        message = None if declared.accepts(value) else f"'{name}' must be {declared.expects}"
        if message is None and declared.check is not None:
            message = declared.check(value, root)
        if message is not None:
            problems.append(Problem(shown, _key_line(lines, name), 1, message))
            continue
        values[name] = declared.normalise(value) if declared.normalise else value
    return SiteConfig(root=root, **values), problems
