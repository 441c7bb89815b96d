"""The plan's own facts, read from its notice: title, year, issuer, document number, dates, the body that
approved it. What the text does not say is left as a placeholder, and said in the notes."""

from __future__ import annotations

import re
from typing import Any

from site_builder.checks.parity import PLACEHOLDER
from site_builder.errors import SiteBuilderError

NOTICE = re.compile(r"(?P<issuer>\S*?(?:人民政府|政府|委员会))关于(?:下达|印发|批转)?(?P<title>\S+?计划)的通知")
TITLE = re.compile(r"\S*\d{4}年\S*国民经济和社会发展计划")
DOC_NUMBER = re.compile(r"(?:发文字号\s*[:：]\s*)?(?P<number>[\u4e00-\u9fff]{1,8}〔\d{4}〕\d+号)")
PUBLISHED = re.compile(r"(?:公开日期|发布日期)\s*[:：]\s*(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})")
DATE_LINE = re.compile(r"^\s*(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日\s*$")
APPROVED = re.compile(r"已经(?P<body>\S+?会议)\S*?(?:审议)?(?:批准|通过)")
YEAR = re.compile(r"(?P<year>(?:19|20)\d\d)年")
# An address that validates but names no host (.invalid never resolves): `check` lists the placeholder.
UNKNOWN_URL = f"https://example.invalid/{PLACEHOLDER['zh']}"


def _iso(match: re.Match[str]) -> str:
    return f"{int(match['y']):04d}-{int(match['m']):02d}-{int(match['d']):02d}"


def _first(pattern: re.Pattern[str], lines: list[str]) -> tuple[re.Match[str], int] | None:
    for index, line in enumerate(lines):
        found = pattern.search(line)
        if found:
            return found, index + 1
    return None


def plan_facts(lines: list[str]) -> tuple[dict[str, Any], dict[str, Any], list[str]]:
    """The `plan` section, the plan's own entry in `sources`, and notes on what the text left unsaid."""
    notes: list[str] = []
    todo = f"{PLACEHOLDER['zh']}"
    notice = _first(NOTICE, lines)
    title_at = notice or _first(TITLE, lines)
    if title_at is None:
        title, where, issuer = f"{todo}计划名称", (1, 1), f"{todo}发布机关"
        notes.append("the plan's title")
    else:
        match, line = title_at
        group = "title" if "title" in match.groupdict() else 0
        title, where = match[group], (line, match.start(group) + 1)
        issuer = match["issuer"] if "issuer" in match.groupdict() else f"{todo}发布机关"
    year_match = YEAR.search(title) or next((m for m in map(YEAR.search, lines) if m), None)
    if year_match is None:
        raise SiteBuilderError("the plan's year is not in its text (a title such as 2021年…计划): is it a plan?")
    year = int(year_match["year"])
    number = _first(DOC_NUMBER, lines)
    # The date under the issuer's signature: the last line that is a date and nothing else.
    dated = [_iso(m) for m in map(DATE_LINE.match, lines) if m]
    adopted = dated[-1] if dated else None
    published_at = _first(PUBLISHED, lines)
    published = _iso(published_at[0]) if published_at else adopted
    if adopted is None:
        adopted = published or f"{year}-01-01"
        notes.append(f"the date the plan was adopted (set to {adopted})")
    if published is None:
        published = adopted
        notes.append(f"the date the plan was published (set to {published})")
    approved = _first(APPROVED, lines)
    plan = {
        "title": {"zh": title, "en": f"{PLACEHOLDER['en']} the plan's title"},
        "short_title": {"zh": f"{todo}{title}", "en": f"{PLACEHOLDER['en']} a short title"},
        "issuer": {"zh": issuer, "en": f"{PLACEHOLDER['en']} the issuer"},
        "document_number": number[0]["number"] if number else f"{todo}文号",
        "year": year,
        "adopted": adopted,
        "approved_by": {"zh": approved[0]["body"] if approved else f"{todo}审议机关",
                        "en": f"{PLACEHOLDER['en']} the body that approved it"},
        "published": published,
        "source": "plan",
        "source_url": UNKNOWN_URL,
        "drafted": {"line": where[0], "col": where[1]},
    }
    source = {
        "id": "plan",
        "title": {"zh": title, "en": f"{PLACEHOLDER['en']} the plan's title"},
        "publisher": {"zh": issuer, "en": f"{PLACEHOLDER['en']} the issuer"},
        "date": published,
        "url": UNKNOWN_URL,
        "official": True,
    }
    if not number:
        notes.append("the document number (…〔year〕N号)")
    notes.append("the plan's address on the web: set the plan's source_url and its source's url")
    return plan, source, notes
