"""The fonts preview images are drawn with: the system's CJK fonts, cut down to the characters in use.

Cutting a CJK font takes about 100 MB for a moment; it runs in a process of its own
(`python -m site_builder.charts.fonts`), so that memory goes back to the system at once instead of staying
with the build for the rest of its run.
"""

from __future__ import annotations

import functools
import hashlib
import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from site_builder.errors import SiteBuilderError


@dataclass(frozen=True)
class FontFace:
    path: str
    index: int = 0  # the face's number in a font collection (.ttc)


# Characters ECharts may draw that the options do not spell out: digits, signs and separators of formatted numbers.
BASIC_TEXT = "".join(chr(c) for c in range(0x20, 0x7F)) + "−–—…·，。、：；！？（）《》“”‘’％万亿年月日"


def subset_target(face: FontFace, text: str, cache_dir: Path) -> Path:
    """Where the cut of `face` down to `text` is cached."""
    stat = Path(face.path).stat()
    key = hashlib.sha256(
        json.dumps([face.path, face.index, stat.st_size, stat.st_mtime_ns, text], ensure_ascii=False).encode("utf-8")
    ).hexdigest()
    return cache_dir / f"{key}.otf"


def subset_font(face: FontFace, text: str, cache_dir: Path) -> str:
    """A font file holding only `text`'s glyphs of `face` (all its names kept, so family and weight still match)."""
    try:
        from fontTools import subset
        from fontTools.ttLib import TTFont
    except ImportError:  # fontTools is a dependency; without it resvg still works, only slower
        return face.path
    target = subset_target(face, text, cache_dir)
    if not target.is_file():
        options = subset.Options()
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.notdef_outline = True
        # recalcBBoxes=False: recomputing every glyph's bounds was most of the subsetting time, and
        # the font's own bounds still hold for a subset of its glyphs.
        font = TTFont(face.path, fontNumber=face.index, lazy=True, recalcBBoxes=False)
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=text)
        subsetter.subset(font)
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp")
        font.save(str(temporary))
        font.close()
        temporary.replace(target)
    return str(target)


@functools.lru_cache(maxsize=1)
def cjk_font_files() -> tuple[FontFace, ...]:
    """The system's regular and bold CJK sans-serif fonts (fontconfig's choice), for PNG text.

    Handing resvg these two files instead of every system font makes each image several times faster.
    """
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return ()
    found: list[FontFace] = []
    for pattern in ("sans-serif:lang=zh-cn", "sans-serif:lang=zh-cn:weight=bold"):
        result = subprocess.run(
            [fc_match, "-f", "%{index}|%{file}", pattern], capture_output=True, text=True, timeout=20, check=False
        )
        index, _, path = result.stdout.strip().partition("|")
        if result.returncode == 0 and path and Path(path).is_file():
            found.append(FontFace(path, int(index or 0)))
    return tuple(dict.fromkeys(found))


def cut_fonts_apart(text: str, cache_dir: Path) -> list[str]:
    """Every CJK face cut down to `text` (cached in `cache_dir`), in a child process; the files' paths."""
    targets = [subset_target(face, text, cache_dir) for face in cjk_font_files()]
    if all(target.is_file() for target in targets):
        return [str(target) for target in targets]
    result = subprocess.run(
        [sys.executable, "-m", "site_builder.charts.fonts", str(cache_dir)], input=text, capture_output=True, text=True,
        encoding="utf-8", check=False,
    )
    if result.returncode != 0:
        raise SiteBuilderError(f"cutting the preview fonts failed: {result.stderr.strip()[-2000:]}")
    return json.loads(result.stdout)


if __name__ == "__main__":
    cut = [subset_font(face, sys.stdin.read(), Path(sys.argv[1])) for face in cjk_font_files()]
    print(json.dumps(cut))
