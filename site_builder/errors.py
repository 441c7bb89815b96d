"""User-facing problems: each one names a file, a line and a column, and says how to fix it.

Every check collects `Problem`s instead of raising at the first one, so an editor sees every mistake
in one run. `ContentError` turns the list into a click exception: one line per problem, exit status 1,
no traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal

import click

Level = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    col: int
    message: str
    level: Level = "error"
    kind: str = ""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"


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
        count = len(self.problems)
        click.echo(f"site-builder: {count} problem{'s' if count != 1 else ''} found; nothing was written.", file=out)


class Problems:
    """A collector: checks add to it, and `raise_if_any` stops the run after all of them ran."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, path: str, line: int, col: int, message: str) -> None:
        self.items.append(Problem(path, line, col, message))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise ContentError(self.items)
