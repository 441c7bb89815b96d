"""Where a data file's JSON went wrong, beyond where the parser stopped.

A `}` or `]` left out is only noticed by the parser where the text can no longer be read: often the
end of the file, thousands of lines below the mistake. The file's indentation says where each object
should have closed: an object's closing bracket stands on the first later line indented no deeper than
the line that opened it. `unclosed()` finds the first bracket whose closing line, so read, is not there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CLOSER = {"{": "}", "[": "]"}
NAMES = {"{": "object", "[": "list"}
ID = re.compile(r'^\s*"id"\s*:\s*"([^"\\]*)"')
KEY_BEFORE = re.compile(r'"([^"\\]*)"\s*:\s*$')


@dataclass(frozen=True)
class Unclosed:
    """A bracket never closed: where it opened (1-based) and the line by which it should have closed."""

    line: int
    col: int
    bracket: str
    closes_by: int  # the first line, after the opening one, indented no deeper than it
    name: str  # its key ("outcomes") or id ("gdp-growth"), when the text says one; else ""

    @property
    def what(self) -> str:
        return f"the {NAMES[self.bracket]}" + (f" '{self.name}'" if self.name else "")

    def message(self, stopped_line: int) -> str:
        return (
            f"{self.what} opened here is never closed: its '{CLOSER[self.bracket]}' is missing before line "
            f"{self.closes_by}, the first line indented no deeper than this one "
            f"(parsing stopped at line {stopped_line})"
        )


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def unclosed(text: str, stopped_line: int) -> Unclosed | None:
    """The first `{` or `[` whose closing line, by the file's indentation, does not close it; None when
    the indentation shows none (or only after `stopped_line`, where the parser had already given up)."""
    lines = text.split("\n")
    # Open brackets: (bracket, line index, column index, indentation of its line).
    stack: list[tuple[str, int, int, int]] = []
    for number, line in enumerate(lines):
        if number + 1 > stopped_line:
            return None  # a closing line below where parsing stopped cannot be what stopped it
        content = line.strip(" \t\r")
        if content and stack:
            bracket, opened, col, depth = stack[-1]
            indent = _indent(line)
            if opened < number and (indent < depth or (indent == depth and content[0] != CLOSER[bracket])):
                return Unclosed(opened + 1, col + 1, bracket, number + 1, _name(lines, opened, col, number))
        in_string = False
        escaped = False
        for index, char in enumerate(line):
            if in_string:
                if escaped:
                    escaped = False
                elif char == "\\":
                    escaped = True
                elif char == '"':
                    in_string = False
            elif char == '"':
                in_string = True
            elif char in CLOSER:
                stack.append((char, number, index, _indent(line)))
            elif char in "}]" and stack:
                stack.pop()
    return None


def _name(lines: list[str], opened: int, col: int, closes_by: int) -> str:
    """The key the bracket is the value of, or the id inside it, for the message."""
    key = KEY_BEFORE.search(lines[opened][:col])
    if key:
        return key.group(1)
    inner = [line for line in lines[opened + 1 : closes_by] if line.strip()]
    if inner:
        depth = _indent(inner[0])
        for line in inner:
            found = ID.match(line)
            if found and _indent(line) == depth:
                return found.group(1)
    return ""
