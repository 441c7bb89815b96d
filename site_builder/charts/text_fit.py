"""How wide a chart's text is, and how it wraps: the one estimate every layout places its labels by.

ECharts' server-side rendering guesses widths, and a reader's fonts differ from any guess. The estimate
takes DejaVu Sans, the widest sans-serif a reader is likely to have (Debian's default; system-ui on a Mac,
Segoe UI and Roboto are narrower), and one em for every CJK character, so a label measured here fits in
any of them.
"""

from __future__ import annotations

import re

SMALLEST_TEXT = 12  # CSS pixels: no chart text is drawn smaller

# DejaVu Sans advance widths of the printable ASCII characters, in thousandths of an em (fontTools).
_ASCII = (
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636,
    636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656,
    557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613,
    635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818,
    592, 592, 525, 636, 337, 636, 838,
)
_WIDE = re.compile(r"[\u1100-\u115f\u2e80-\u303f\u3040-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")
# A line may break after a space and around any CJK character; never before closing punctuation.
_PIECES = re.compile(r"[\u2e80-\u303f\u3040-\ua4cf\uf900-\ufaff\uff00-\uffef][，。、：；！？）》」』】,.;:!?)]*"
                     r"|[^\s\u2e80-\u303f\u3040-\ua4cf\uf900-\ufaff\uff00-\uffef]+\s*|\s+")


def text_width(text: str, size: float) -> float:
    """How wide `text` is at `size` px, at most, in the fonts a reader's browser is likely to use."""
    ems = 0.0
    for char in text:
        code = ord(char)
        if 32 <= code < 127:
            ems += _ASCII[code - 32] / 1000
        else:
            ems += 1.0 if _WIDE.match(char) else 0.7
    return ems * size


def wrap(text: str, width: float, size: float) -> list[str]:
    """`text` in lines no wider than `width` px at `size` px: broken between words, or between any two CJK
    characters; a word longer than a line is broken where it must be."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for piece in _PIECES.findall(paragraph):
            if text_width((line + piece).rstrip(), size) <= width or not line.strip():
                line += piece
            else:
                lines.append(line.rstrip())
                line = piece.lstrip()
            while text_width(line.rstrip(), size) > width and len(line.rstrip()) > 1:
                cut = max(k for k in range(1, len(line)) if text_width(line[:k], size) <= width or k == 1)
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line.rstrip())
    return [line for line in lines if line] or [""]
