"""User-facing problems: each one names a file, a line and a column, and says how to fix it.

Every check collects `Problem`s instead of raising at the first one, so an editor sees every mistake
in one run. `ContentError` turns the list into a click exception: one line per problem, exit status 1,
no traceback. The one line format, for build, check and serve alike (sphinx's habit):

    path:line:col: level: message [kind]

`level` is `error`, `warning` (`--strict` turns warnings into errors) or `note` (something an editor should
decide, such as last year's target with no successor, which is no mistake: it never fails a build, even with
`--strict`); `kind` names the check, so an editor (or a script) can tell a schema error from a translation gap.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal

import click

Level = Literal["error", "warning", "note"]


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    col: int
    message: str
    level: Level = "error"
    kind: str = ""

    def __str__(self) -> str:
        kind = self.kind or default_kind(self.path)
        return f"{self.path}:{self.line}:{self.col}: {self.level}: {self.message} [{kind}]"

    @property
    def is_error(self) -> bool:
        return self.level == "error"

    def fails(self, strict: bool) -> bool:
        """Whether this problem stops the run: an error always, a warning with `--strict`, a note never."""
        return self.is_error or (strict and self.level == "warning")


def default_kind(path: str) -> str:
    """The kind of a problem whose check did not name one: what sort of file it is in."""
    suffix = Path(path).suffix
    if path.endswith("site.toml"):
        return "config"
    return {".json": "data", ".md": "content", ".toml": "strings", ".html": "template"}.get(suffix, "source")


def display_path(path: Path, root: Path | None = None) -> str:
    """A path as the editor knows it: relative to the project when it lies inside it."""
    path = Path(path)
    for base in (root, Path.cwd()):
        if base is None:
            continue
        try:
            return path.resolve().relative_to(Path(base).resolve()).as_posix()
        except ValueError:
            continue
    return path.as_posix()


class SiteBuilderError(click.ClickException):
    """Base of every error meant for the person running the command."""

    exit_code = 1


class ContentError(SiteBuilderError):
    """One or more problems in the project's sources; nothing was written."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))

    def show(self, file: IO[str] | None = None) -> None:
        out = file or sys.stderr
        for problem in self.problems:
            click.echo(str(problem), file=out)
        click.echo(f"site-builder: {count_problems(self.problems)} found; nothing was written.", file=out)


def count_problems(problems: Iterable[Problem]) -> str:
    """ "2 errors, 1 warning, 3 notes" ("0 problems" when there are none)."""
    items = list(problems)
    errors = sum(1 for p in items if p.is_error)
    notes = sum(1 for p in items if p.level == "note")
    warnings = len(items) - errors - notes

    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'s' if n != 1 else ''}"

    parts = [plural(errors, "error")] if errors else []
    if warnings:
        parts.append(plural(warnings, "warning"))
    if notes:
        parts.append(plural(notes, "note"))
    return ", ".join(parts) or plural(0, "problem")


class Problems:
    """A collector: checks add to it, and `raise_if_any` stops the run after all of them ran."""

    def __init__(self, kind: str = "") -> None:
        self.items: list[Problem] = []
        self.kind = kind

    def add(self, path: str, line: int, col: int, message: str, *, level: Level = "error", kind: str = "") -> None:
        self.items.append(Problem(path, line, col, message, level, kind or self.kind))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise ContentError(self.items)
