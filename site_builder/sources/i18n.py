"""Languages, UI strings and locale-aware formatting of numbers, quantities and dates.

UI strings live in one TOML file per language in the theme (`strings/zh.toml`, `strings/en.toml`);
asking for a key that a language lacks is an error, so a page never shows a raw key.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from babel.dates import format_date as babel_date
from babel.numbers import format_compact_decimal, format_decimal

from site_builder.errors import Problem, display_path
from site_builder.sources.schema import Unit

LANGUAGES: tuple[str, ...] = ("zh", "en")
DEFAULT_LANGUAGE = "zh"
LOCALES = {"zh": "zh_CN", "en": "en"}
HTML_LANG = {"zh": "zh-CN", "en": "en"}


class MissingString(LookupError):
    """A template asked for a UI string the language's file does not have."""


@dataclass(frozen=True)
class Strings:
    lang: str
    table: dict[str, str]
    path: str

    def __call__(self, key: str, **values: object) -> str:
        try:
            text = self.table[key]
        except KeyError:
            raise MissingString(f"{self.path}: no UI string '{key}'; add it to every language's file") from None
        return text.format(**values) if values else text


def load_strings(paths: dict[str, list[Path]], root: Path) -> tuple[dict[str, Strings], list[Problem]]:
    """Reads every language's strings files (default theme first, overrides after, merged by key).

    Reports syntax errors, values that are not text, and keys one language has and another lacks.
    """
    problems: list[Problem] = []
    tables: dict[str, dict[str, str]] = {}
    for lang, files in paths.items():
        if not files:
            problems.append(Problem(f"strings/{lang}.toml", 1, 1, f"no UI strings file for language '{lang}'"))
            continue
        merged: dict[str, str] = {}
        for path in files:
            shown = display_path(path, root)
            try:
                raw = tomllib.loads(path.read_text(encoding="utf-8"))
            except tomllib.TOMLDecodeError as exc:
                line, col = _toml_position(str(exc))
                problems.append(Problem(shown, line, col, f"invalid TOML: {exc}"))
                continue
            for key, value in _flatten(raw).items():
                if isinstance(value, str):
                    merged[key] = value
                else:
                    problems.append(Problem(shown, _line_of(path, key), 1, f"UI string '{key}' must be text"))
        tables[lang] = merged
    for lang, table in tables.items():
        for other, other_table in tables.items():
            for key in sorted(set(other_table) - set(table)):
                shown = display_path(paths[lang][-1], root)
                message = f"missing UI string '{key}' (the {other} strings have it)"
                problems.append(Problem(shown, 1, 1, message, kind="parity"))
    strings = {
        lang: Strings(lang, table, display_path(paths[lang][-1], root)) for lang, table in tables.items()
    }
    return strings, problems


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """A TOML table's nested keys as dotted names: {"status": {"met": ...}} -> {"status.met": ...}."""
    out: dict[str, Any] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flatten(value, name + "."))
        else:
            out[name] = value
    return out


def _toml_position(message: str) -> tuple[int, int]:
    # tomllib reports "... (at line 3, column 7)"


    found = re.search(r"line (\d+), column (\d+)", message)
    return (int(found.group(1)), int(found.group(2))) if found else (1, 1)


def _line_of(path: Path, key: str) -> int:
    last = key.rsplit(".", 1)[-1]
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip().startswith(last):
            return number
    return 1


def _exact_digits(value: float, scale: int, limit: int = 2) -> int | None:
    """How many decimals show value/scale exactly, or None if more than `limit` are needed."""
    scaled = Decimal(str(value)) / Decimal(scale)
    for digits in range(limit + 1):
        if scaled == scaled.quantize(Decimal(1).scaleb(-digits)):
            return digits
    return None


@functools.lru_cache(maxsize=65536)  # Babel's formatting is slow, and pages repeat the same figures
def format_number(value: float, lang: str) -> str:
    """A plain number with the locale's separators and no needless decimals."""
    if abs(value) >= 1e18:
        # Beyond Babel's decimal precision (it raises); only a ratio to a near-zero target gets here.
        return f"{value:.6g}"
    return format_decimal(value, locale=LOCALES[lang], format="#,##0.###")


def format_compact(value: float, lang: str) -> str:
    """Large counts and amounts: 1300亿 / 150万 in Chinese, 130 billion / 1.5 million in English.

    Only exact forms are used, so no figure is rounded on the way to the page.
    """
    steps = ((100_000_000, "亿"), (10_000, "万")) if lang == "zh" else ((1_000_000_000, "b"), (1_000_000, "m"))
    for scale, _ in steps:
        if abs(value) >= scale:
            digits = _exact_digits(value, scale)
            if digits is not None:
                form: Literal["short", "long"] = "short" if lang == "zh" else "long"
                return format_compact_decimal(value, format_type=form, locale=LOCALES[lang], fraction_digits=digits)
            break
    return format_number(value, lang)


def format_quantity(value: float, unit: Unit, lang: str) -> str:
    """A value with its unit, the way a reader of that language writes it: 7万亩 · 70,000 mu · 8.7%."""
    if unit.kind == "percent":
        return f"{format_number(value, lang)}%"
    number = format_compact(value, lang) if unit.kind == "quantity" else format_number(value, lang)
    if lang == "zh":
        return f"{number}{unit.zh}"
    return f"{number} {unit.en}"


def format_date(value: dt.date | None, lang: str) -> str:
    if value is None:
        return ""
    if lang == "zh":
        return f"{value.year}年{value.month}月{value.day}日"
    return babel_date(value, format="d MMMM y", locale=LOCALES[lang])


def other_language(lang: str) -> str:
    return "en" if lang == "zh" else "zh"


def strings_paths(theme_dirs: list[Path], lang: str) -> list[Path]:
    """The strings files for a language, default theme first, overrides after."""
    return [d / "strings" / f"{lang}.toml" for d in reversed(theme_dirs) if (d / "strings" / f"{lang}.toml").is_file()]
