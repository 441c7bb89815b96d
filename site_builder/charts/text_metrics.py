"""The text widths charts are laid out with: a table of advance widths, made from the fonts the pages use.

ECharts' server-side rendering has no canvas to measure text with, so it guesses (one em per CJK character,
a fixed table for Latin). `node_scripts/render_charts.mjs` measures with this table instead
(`echarts.setPlatformAPI({measureText})`), so labels are placed where they really fit.

The site's stylesheet names `system-ui, -apple-system, "PingFang SC", …, sans-serif`, and the charts' text
inherits it. On Debian (this project's machines and its CI: `apt install chromium fonts-noto-cjk`) that
is DejaVu Sans for Latin text and Noto Sans CJK SC for Chinese. Readers' fonts vary, so the table is
conservative: for each character, the larger advance of the two fonts, in thousandths of an em rounded up,
for regular and for bold text. It covers printable ASCII, Latin-1, general punctuation, letterlike
symbols, arrows, mathematical operators, CJK punctuation and the full- and halfwidth forms; every CJK
ideograph, kana and Hangul syllable is one em (the generator checks that no glyph there is wider), and
any other character counts as one em.

The table is committed (`text_metrics.json`), so every machine lays charts out alike, fonts installed or
not. Regenerate it after a font change with `python -m site_builder.charts.text_metrics`;
`tests/test_text_metrics.py` checks that the committed table is what the installed fonts give.
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

TABLE = Path(__file__).parent / "text_metrics.json"
UNITS = 1000  # the table's units per em
# Code points measured one by one, as (first, last) inclusive.
MEASURED = (
    (0x0020, 0x007E),  # printable ASCII
    (0x00A0, 0x00FF),  # Latin-1: ° ± × · é
    (0x2000, 0x206F),  # general punctuation: – — ‘ ’ “ ” … ‰
    (0x2100, 0x214F),  # letterlike symbols: ℃ №
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # mathematical operators: − ≤ ≥
    (0x3000, 0x303F),  # CJK symbols and punctuation: 、 。 《 》 【 】
    (0xFF00, 0xFFEF),  # full- and halfwidth forms: ， ： （ ） ％
)
# One em each, checked against the CJK font: radicals, kana, bopomofo, ideographs (with extension A),
# Hangul syllables, compatibility ideographs and forms, and the supplementary ideographic planes.
WIDE = ((0x2E80, 0x2FDF), (0x3040, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F),
        (0x20000, 0x3FFFF))
FALLBACK = UNITS  # any other character


@dataclass(frozen=True)
class Face:
    family: str
    style: str
    path: str
    index: int = 0  # the face's number in a font collection (.ttc)


# The faces the pages' text is drawn with on Debian, by weight: Latin, then CJK (fontconfig's names).
FACES = {
    "regular": ("DejaVu Sans", "Noto Sans CJK SC"),
    "bold": ("DejaVu Sans:bold", "Noto Sans CJK SC:bold"),
}


def find_face(pattern: str) -> Face | None:
    """The installed face fontconfig gives for `pattern` ("DejaVu Sans:bold"), if it is that family."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    result = subprocess.run([fc_match, "-f", "%{family[0]}|%{style[0]}|%{index}|%{file}", pattern],
                            capture_output=True, text=True, timeout=20, check=False)
    family, style, index, path = [*result.stdout.split("|", 3), "", "", ""][:4]
    wanted_family, _, weight = pattern.partition(":")
    if result.returncode != 0 or family != wanted_family or not Path(path).is_file():
        return None
    if (weight == "bold") != ("bold" in style.lower()):
        return None
    return Face(family, style, path, int(index or 0))


def installed_faces() -> dict[str, list[Face]] | None:
    """The faces of FACES as installed, by weight; None if any is missing."""
    faces = {weight: [find_face(pattern) for pattern in patterns] for weight, patterns in FACES.items()}
    if any(face is None for found in faces.values() for face in found):
        return None
    return {weight: [face for face in found if face is not None] for weight, found in faces.items()}


def _advances(face: Face) -> tuple[dict[int, int], int]:
    """Each measured or wide code point's advance in `face`, in the table's units (rounded up); the
    widest advance in the WIDE ranges, in the same units."""
    from fontTools.ttLib import TTFont

    font = TTFont(face.path, fontNumber=face.index, lazy=True)
    try:
        upm = font["head"].unitsPerEm
        metrics = font["hmtx"].metrics
        cmap = font.getBestCmap()

        def units(glyph: str) -> int:
            return math.ceil(metrics[glyph][0] * UNITS / upm)

        measured = {code: units(cmap[code]) for first, last in MEASURED for code in range(first, last + 1)
                    if code in cmap}
        wide = [units(glyph) for code, glyph in cmap.items() if any(a <= code <= b for a, b in WIDE)]
        return measured, max(wide, default=0)
    finally:
        font.close()


def generate(faces: dict[str, list[Face]]) -> dict:
    """The table, from `faces` (installed_faces())."""
    table: dict = {
        "about": "Advance widths of the charts' text, in thousandths of an em: for each character the larger of "
                 "the faces named, rounded up. Made by `python -m site_builder.charts.text_metrics`.",
        "unitsPerEm": UNITS,
        "wide": UNITS,
        "wideRanges": [list(pair) for pair in WIDE],
        "fallback": FALLBACK,
    }
    for weight, found in faces.items():
        advances: dict[int, int] = {}
        for face in found:
            measured, widest = _advances(face)
            if widest > UNITS:
                raise ValueError(f"{face.family} {face.style} has a CJK glyph wider than an em ({widest})")
            for code, width in measured.items():
                advances[code] = max(advances.get(code, 0), width)
        table[weight] = {
            "faces": [f"{face.family} {face.style}" for face in found],
            # Per range, its first code point and every advance from there (FALLBACK where no face has one).
            "ranges": [[first, [advances.get(code, FALLBACK) for code in range(first, last + 1)]]
                       for first, last in MEASURED],
        }
    return table


def dumps(table: dict) -> str:
    """The table as committed: one line per range, so a diff shows what changed."""
    lines = ["{"]
    keys = list(table)
    for position, key in enumerate(keys):
        comma = "," if position < len(keys) - 1 else ""
        value = table[key]
        if isinstance(value, dict) and "ranges" in value:
            ranges = ",\n".join(f"    {json.dumps(item, separators=(',', ':'))}" for item in value["ranges"])
            faces = json.dumps(value["faces"], ensure_ascii=False)
            lines.append(f'  "{key}": {{\n    "faces": {faces},\n    "ranges": [\n{ranges}\n    ]\n  }}{comma}')
        else:
            lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}{comma}")
    return "\n".join([*lines, "}"]) + "\n"


def main() -> int:
    faces = installed_faces()
    if faces is None:
        print(f"the fonts are not installed: {FACES} (Debian: apt install fonts-dejavu-core fonts-noto-cjk)",
              file=sys.stderr)
        return 1
    TABLE.write_text(dumps(generate(faces)), encoding="utf-8")
    print(f"wrote {TABLE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
