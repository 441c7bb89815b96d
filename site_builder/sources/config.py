"""The project's own settings, `site.toml` at the project root (optional; every key has a default)."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from site_builder.errors import Problem, display_path

CONFIG_NAME = "site.toml"
PACKAGE_ROOT = Path(__file__).resolve().parents[2]  # the folder holding the package (and, in a checkout, themes/)


@dataclass(frozen=True)
class SiteConfig:
    root: Path
    # The theme folder under themes/ whose templates, strings and static files override the default
    # theme's, file by file.
    theme: str = "default"
    # The address the site is published at, ending in "/" ("https://host/plan/"), or "" when unknown.
    # Canonical links, the sitemap and Open Graph need absolute addresses; with "" the site stays
    # relative everywhere and sitemap.xml is not written (its <loc> must be absolute).
    base_url: str = ""

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
        """Theme folders, most specific first: the project's chosen theme, then the default theme."""
        default = self.root / "themes" / "default"
        if not default.is_dir():
            default = PACKAGE_ROOT / "themes" / "default"
        dirs = [default]
        if self.theme != "default":
            dirs.insert(0, self.root / "themes" / self.theme)
        return dirs

    def echarts_file(self) -> Path | None:
        """ECharts as installed by `npm ci` in the project, or beside site_builder itself."""
        for base in (self.root, PACKAGE_ROOT):
            candidate = base / "node_modules" / "echarts" / "dist" / "echarts.min.js"
            if candidate.is_file():
                return candidate
        return None


KNOWN_KEYS = {"theme", "base_url"}


def load_config(root: Path) -> tuple[SiteConfig, list[Problem]]:
    root = root.resolve()
    path = root / CONFIG_NAME
    problems: list[Problem] = []
    if not path.is_file():
        return SiteConfig(root=root), problems
    shown = display_path(path, root)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        found = re.search(r"line (\d+), column (\d+)", str(exc))
        line, col = (int(found.group(1)), int(found.group(2))) if found else (1, 1)
        return SiteConfig(root=root), [Problem(shown, line, col, f"invalid TOML: {exc}")]
    lines = path.read_text(encoding="utf-8").splitlines()

    def line_of(key: str) -> int:
        return next((i for i, text in enumerate(lines, 1) if text.split("=", 1)[0].strip() == key), 1)

    for key in raw:
        if key not in KNOWN_KEYS:
            problems.append(Problem(shown, line_of(key), 1, f"unknown setting '{key}'; known: {', '.join(sorted(KNOWN_KEYS))}"))
    theme = raw.get("theme", "default")
    if not isinstance(theme, str) or not re.fullmatch(r"[A-Za-z0-9_-]+", theme):
        problems.append(Problem(shown, line_of("theme"), 1, "'theme' must be a folder name under themes/"))
        theme = "default"
    elif theme != "default" and not (root / "themes" / theme).is_dir():
        problems.append(Problem(shown, line_of("theme"), 1, f"theme folder themes/{theme}/ not found"))
        theme = "default"
    base_url = raw.get("base_url", "")
    if not isinstance(base_url, str) or (base_url and not re.fullmatch(r"https?://[^\s\"'<>?#]+", base_url)):
        problems.append(Problem(shown, line_of("base_url"), 1, "'base_url' must be an http(s) address such as \"https://example.org/plan/\""))
        base_url = ""
    if base_url and not base_url.endswith("/"):
        base_url += "/"
    return SiteConfig(root=root, theme=theme, base_url=base_url), problems
