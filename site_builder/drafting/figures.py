"""The figures a passage of a plan commits to, each read as a typed target.

A figure is a number with its unit ("150万台", "1300亿元", "57.5%"), its value in base units (150万 →
1500000) and its kind from the words around it: 以上 / 突破 → at_least, 以内 / 以下 / 控制在 / 最多 → at_most,
左右 → about, a bare figure (达到 …) → reach. What is not a commitment is left out: names and versions
("5G", "2.0版", "1号线", "民政30条" in quotes), titles in 《》, thresholds that qualify a noun ("10亿元以上产业项目",
"20万元以下薄弱村") and the scope of a measure ("128个考核断面中"). The label is the passage's words with the
figure taken out ("开发集成1000款以上工业APP" → "开发集成工业APP"); one figure shared by two measures ("比例和达标率
100%", 双"92%") and figures given in turn (分别达到96%、100%、92%) become one target per measure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from site_builder.drafting.plantext import Position, Span

NUMBER = re.compile(r"(?<![A-Za-z0-9_.])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)")
SCALE = re.compile(r"\s*(万亿|亿|万)?")
SCALES = {"万": 10_000, "亿": 100_000_000, "万亿": 10**12}

# Units a figure may carry, with the data file's unit id, English name and kind. Measures of size come with
# their usual English names; counting words (个, 家, 台 …) depend on the noun they count, so their English
# is left to the editor and their id is the word's pinyin.
MEASURES: dict[str, tuple[str, str, str]] = {
    "%": ("percent", "%", "percent"), "％": ("percent", "%", "percent"),
    "个百分点": ("percentage-points", "percentage points", "percent"),
    "元": ("yuan", "yuan", "quantity"), "美元": ("usd", "US dollars", "quantity"),
    "元/年": ("yuan-per-year", "yuan a year", "quantity"), "元/月": ("yuan-per-month", "yuan a month", "quantity"),
    "亩": ("mu", "mu", "quantity"), "公顷": ("hectares", "hectares", "quantity"),
    "平方公里": ("km2", "km²", "quantity"), "平方米": ("m2", "m²", "quantity"), "公里": ("km", "km", "quantity"),
    "吨": ("tonnes", "tonnes", "quantity"), "千瓦": ("kw", "kW", "quantity"), "千瓦时": ("kwh", "kWh", "quantity"),
    "标准箱": ("teu", "TEU", "quantity"), "微克/立方米": ("ug-m3", "μg/m³", "rate"),
    "人": ("people", "people", "quantity"), "名": ("persons", "people", "quantity"),
    "人次": ("person-times", "visits", "quantity"), "户": ("households", "households", "quantity"),
    "头": ("head", "head", "quantity"), "个工作日": ("working-days", "working days", "quantity"),
}
COUNTERS = {
    "个": "ge", "家": "jia", "台": "tai", "项": "xiang", "条": "tiao", "所": "suo", "款": "kuan", "座": "zuo",
    "辆": "liang", "套": "tao", "件": "jian", "处": "chu", "张": "zhang", "场": "chang", "批": "pi", "艘": "sou",
}
UNIT_WORDS = sorted([*MEASURES, *COUNTERS], key=len, reverse=True)
# Units of size: a size followed by 以上/以下 and a noun qualifies the noun ("10亿元以上产业项目").
SIZES = {word for word, (_, _, kind) in MEASURES.items() if kind != "percent"} - {"人", "名", "人次", "户", "头"}

AFTER = re.compile(r"\s*(及以上|以上|以下|以内|之内|左右)")
AFTER_KINDS = {"及以上": "at_least", "以上": "at_least", "以下": "at_most", "以内": "at_most", "之内": "at_most",
               "左右": "about"}
BEFORE = re.compile(
    r"(突破|超过|不低于|不少于|至少|高于|控制在|不超过|不高于|最多|低于|降至|降到|提高至|提高到|提升至|提升到|"
    r"稳定在|保持在|均达到|均达|达到|达)\s*$"
)
BEFORE_KINDS = dict.fromkeys(("突破", "超过", "不低于", "不少于", "至少", "高于"), "at_least") | dict.fromkeys(
    ("控制在", "不超过", "不高于", "最多", "低于", "降至", "降到"), "at_most")
LIMIT = re.compile(r"(最多|最少|不超过|不少于)\s*$")
OPEN, CLOSE = "“‘《(（[【", "”’》)）]】"
CJK = re.compile(r"[\u3400-\u9fff“‘A-Za-z]")
SCOPE = re.compile(r"[\u3400-\u9fff]{1,8}?中(?![心小国学医型等级部央华外])")
RATIO_END = re.compile(r"(率|比例|比重|占比|覆盖面|覆盖率)$")
LEAD = re.compile(r"^(确保|力争|争取|努力)+")
TRIM = " \t,，、和及与;；:："


@dataclass(frozen=True)
class Figure:
    """A figure a passage commits to: a target to draft."""

    kind: str  # at_least, at_most, about or reach
    value: int | float  # in base units: 150万台 → 1500000
    unit: str  # the unit as written: "%", "台", "元" (亿元 is 1亿 of 元)
    text: str  # as written, with its qualifiers: "1000款以上"
    label: str  # the measure: the passage's words without the figure
    wording: str  # the passage, word for word
    at: Position  # where its number starts in the plan's text


@dataclass(frozen=True)
class _Hit:
    start: int  # where the figure's words start (a qualifier before it, its 双 and quotes)
    number: int  # where its number starts
    written: int  # after its unit and qualifier
    end: int  # after its closing quote, when it stands alone in quotes
    kind: str
    value: int | float
    unit: str
    shared: bool  # 双 / 均: one figure for the measures before it


def split(span: Span, separators: str) -> list[Span]:
    """The span cut at the separators that stand outside quotes and brackets (not a comma in 1,000)."""
    parts: list[Span] = []
    depth, start = 0, 0
    text = span.text
    for i, char in enumerate(text):
        if char in OPEN:
            depth += 1
        elif char in CLOSE:
            depth = max(0, depth - 1)
        elif char in separators and depth == 0:
            if char == "," and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
                continue
            parts.append(span.cut(start, i))
            start = i + 1
    parts.append(span.cut(start))
    return [p for p in (part.strip() for part in parts) if p.text]


def _depths(text: str) -> list[tuple[int, int]]:
    """For each character: how deep in quotation marks it is, and how deep in 《titles》 (brackets hide nothing)."""
    out: list[tuple[int, int]] = []
    quotes, titles = 0, 0
    for char in text:
        quotes += char in "“‘"
        titles += char == "《"
        out.append((quotes, titles))
        quotes = max(0, quotes - (char in "”’"))
        titles = max(0, titles - (char == "》"))
    return out


def _number(digits: str, scale: str | None) -> int | float:
    value = Decimal(digits.replace(",", "")) * SCALES.get(scale or "", 1)
    return int(value) if value == value.to_integral_value() else float(value)


def _hits(text: str) -> list[_Hit]:
    depths = _depths(text)
    hits: list[_Hit] = []
    for match in NUMBER.finditer(text):
        at = match.end()
        if at < len(text) and text[at].isascii() and text[at].isalpha():
            continue  # "5G", "3A", "531X": a name
        scale = SCALE.match(text, at)
        assert scale is not None  # the pattern matches the empty string
        at = scale.end()
        rest = text[at:].lstrip(" ")
        unit = next((word for word in UNIT_WORDS if rest.startswith(word)), None)
        if unit is None or text[match.start() - 1:match.start()] == "第":
            continue
        at = len(text) - len(rest) + len(unit)
        after = AFTER.match(text, at)
        end = written = after.end() if after else at
        before = BEFORE.search(text, 0, match.start())
        start = before.start() if before else match.start()
        depth, titles = depths[match.start()]
        if titles:
            continue  # in a title: 《…2020—2022年…》
        alone = text[start - 1:start] == "“" and text[end:end + 1] == "”"  # 双“92%”, “最多20个工作日”
        if depth and not alone and not LIMIT.search(text, 0, match.start()):
            continue  # part of a name in quotes: "民政30条", "15分钟文化圈"
        if depth and alone:
            start, end = start - 1, end + 1
        following = text[end:end + 1]
        if after and after.group(1) in {"以上", "以下", "及以上"} and unit in SIZES and CJK.match(following):
            continue  # a size that qualifies a noun: "10亿元以上产业项目"
        if SCOPE.match(text, end):
            continue  # the scope of a measure: "128个考核断面中…"
        shared = text[max(0, start - 1):start] == "双" or (before is not None and before.group(1).startswith("均"))
        if text[max(0, start - 1):start] == "双":
            start -= 1
        kind = AFTER_KINDS[after.group(1)] if after else BEFORE_KINDS.get(before.group(1) if before else "", "reach")
        value = _number(match.group(1), scale.group(1))
        hits.append(_Hit(start, match.start(), written, end, kind, value, unit, shared))
    return hits


def _clean(label: str) -> str:
    label = LEAD.sub("", label.strip(TRIM)).strip(TRIM)
    if label.endswith("目标") and len(label) > 2:
        label = label[:-2].strip(TRIM)
    return label.replace("“”", "")


def _ratio_pair(label: str) -> list[str] | None:
    """"Ⅰ—III类比例和达标率" → the two ratios one figure is given for; None when it is one measure."""
    depth_zero = [i for i, (depth, _) in enumerate(_depths(label)) if depth == 0 and label[i] == "和"]
    if len(depth_zero) != 1:
        return None
    left, right = label[: depth_zero[0]], label[depth_zero[0] + 1:]
    if len(left) >= 2 and len(right) >= 2 and RATIO_END.search(left) and RATIO_END.search(right):
        return [_clean(left), _clean(right)]
    return None


def _in_turn(parts: list[str]) -> list[str]:
    """Measures named in turn ("学前教育、义务教育、高中教育入学率") with the words they share restored."""
    first, last = parts[0], parts[-1]
    tail = ""
    for size in range(min(len(first), len(last)), 0, -1):
        found = last.find(first[-size:])
        if found >= 0 and found + size < len(last):
            tail = last[found + size:]
            break
    head = ""
    if len(parts) > 2 and len(first) > len(parts[1]):
        head = first[: -len(parts[1])]
    middle = [head + part + tail for part in parts[1:-1]]
    return [first + tail, *middle, last if last.startswith(head) else head + last]


def figures_in(span: Span) -> list[Figure]:
    """Every figure the passage commits to, in reading order."""
    out: list[Figure] = []
    for clause in split(span, "。，,；;：:！？!?"):
        out.extend(_clause(clause))
    return out


def _figure(span: Span, hit: _Hit, label: str, wording: str) -> Figure:
    text = span.text[hit.number:hit.written]
    return Figure(hit.kind, hit.value, hit.unit, text, label, wording, span.pos(hit.number))


def _clause(clause: Span) -> list[Figure]:
    respectively = clause.text.find("分别")
    if respectively > 0:
        hits = _hits(clause.text)
        later = [h for h in hits if h.start > respectively]
        if later:
            subject = _clean(clause.text[:respectively])
            parts = [_clean(p.text) for p in split(Span(subject, ()), "、和")]
            labels = _in_turn(parts) if len(parts) == len(later) > 1 else [subject] * len(later)
            return [_figure(clause, h, label, clause.text) for h, label in zip(later, labels, strict=True)]
    out: list[Figure] = []
    before: list[str] = []  # the parts without a figure so far: measures a shared figure may also be for
    for part in split(clause, "、"):
        hits = _hits(part.text)
        if not hits:
            before.append(_clean(part.text))
            continue
        if len(hits) == 1:
            hit = hits[0]
            label = _clean(part.text[: hit.start] + part.text[hit.end:])
            measures = _ratio_pair(label) or [label]
            wording = part.text
            if hit.shared and before and len(measures) == 1:
                measures = [before[-1], label]
                wording = clause.text
            out.extend(_figure(part, hit, measure, wording) for measure in measures)
        else:
            out.extend(_several(part, hits))
        before = []
    return out


def _several(part: Span, hits: list[_Hit]) -> list[Figure]:
    """Several figures in one passage: each counts the noun after it ("实施50个村(居)42个拆改项目") or
    measures the words before it."""
    text = part.text
    prefix = text[: hits[0].start]
    out: list[Figure] = []
    for index, hit in enumerate(hits):
        following = hits[index + 1].start if index + 1 < len(hits) else len(text)
        before = text[hits[index - 1].end if index else 0: hit.start]
        after = text[hit.end:following]
        if CJK.match(text[hit.end:hit.end + 1]):
            label = (prefix if index else before) + after
        else:
            label = before + (after if index == len(hits) - 1 else "")
        out.append(_figure(part, hit, _clean(label), text))
    return out
