"""The annex's table of main target indicators, read back from its cells, one a line.

Pasted from a web page, the table is a column of cells: a category where one begins (实力提升), an
indicator's name (地区生产总值增速), its target (7%以上). A merged target cell is printed once, after the
last row it spans, so the rows before it without a cell of their own take the target of the row above
them (the annex's blank cell). Which cell is which is read from its words: a target has a figure or the
words of a rule (与经济增长基本同步, 根据省下达任务设定目标); a name ends in what it measures (…增速, …率,
…比重, …质量); anything else opens a category.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from site_builder.drafting.figures import UNIT_WORDS, Figure, figures_in
from site_builder.drafting.plantext import Span

RULE_WORDS = re.compile(r"同步|省下达|设定目标|稳步|保持|控制|不低于|不高于|下降|提高|以上|以内|左右|达到|力争|确保")
NAME_END = re.compile(
    r"(增速|增长|增幅|涨幅|比重|占比|比例|率|量|质量|能耗|数|收入|额|值|指数|浓度|面积|价格|密度|水平|强度|投资|消费|"
    r"规模|里程|排放|产量|人口)$"
)
IN_STEP = re.compile(r"同步")
BY_PROVINCE = re.compile(r"省下达|省定|按省|设定目标")
# Better when lower: a rate the plan means to hold down.
LOWER = re.compile(r"失业|不良|能耗|排放|浓度|死亡|涨幅|价格|事故|污染|PM|二氧化")


@dataclass
class AnnexRow:
    """One indicator of the annex: its name, its category and its target cell."""

    name: Span
    category: int | None  # index into the categories read, None before the first
    cell: Span | None = None  # its own target cell; None when the annex leaves it blank
    merged_with: int | None = None  # the row above whose cell applies, for a blank cell
    unit: str | None = None  # a unit column's cell, when the table has one
    figures: list[Figure] = field(default_factory=list)

    @property
    def rule(self) -> str:
        """How its target reads: "figures", "in_step_with", "set_by_province" or "qualitative"."""
        if self.figures:
            return "figures"
        text = self.cell.text if self.cell is not None else ""
        if IN_STEP.search(text):
            return "in_step_with"
        if BY_PROVINCE.search(text):
            return "set_by_province"
        return "qualitative"


def direction(name: str, figures: list[Figure]) -> str:
    """Whether an indicator is better higher or lower: lower when its first target is a ceiling or its name
    is of a rate the plan holds down (unemployment, emissions, prices)."""
    first = figures[0].kind if figures else ""
    return "lower" if first == "at_most" or LOWER.search(name) else "higher"


def is_target(cell: Span) -> bool:
    return bool(figures_in(cell)) or bool(RULE_WORDS.search(cell.text))


def read_annex(cells: list[Span]) -> tuple[list[Span], list[AnnexRow]]:
    """The annex's categories and indicator rows, each blank target cell resolved to the row above."""
    categories: list[Span] = []
    rows: list[AnnexRow] = []
    for cell in cells:
        if cell.text in UNIT_WORDS or cell.text in {"万元", "亿元", "万人", "万吨"}:
            if rows:
                rows[-1].unit = cell.text
        elif is_target(cell):
            if rows and rows[-1].cell is None:
                rows[-1].cell = cell
                rows[-1].figures = figures_in(cell)
        elif NAME_END.search(cell.text):
            rows.append(AnnexRow(cell, len(categories) - 1 if categories else None))
        else:
            categories.append(cell)
    for index, row in enumerate(rows):
        if row.cell is None:
            row.merged_with = next((i for i in range(index - 1, -1, -1) if rows[i].cell is not None), None)
    return categories, rows
