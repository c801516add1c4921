"""Which performance form a table holds, and where each form starts.

Layouts recognised (``Project.form``):

* ``project_completion`` — 项目绩效目标完成情况表 (Sichuan 决算 附件, the seed's five forms):
  预算数/执行数 with 其中-财政拨款 / 其它资金 as label-value pairs, 预期目标 / 实际完成目标,
  一级/二级/三级指标 | 预期指标值 | 实际完成指标值.
* ``project_self_eval`` — 项目支出绩效自评表 (national and Sichuan layouts): a money grid
  (年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 by 年度资金总额 / 财政拨款 /
  其他资金 rows), 年度总体目标, indicators with 分值 / 得分 / 偏差原因.
* ``department_self_eval`` — 部门整体(支出)绩效自评表: the department as one "project".
* ``project_target`` — budget-side 绩效目标申报表 / 绩效目标表: targets only; also the rows of
  a multi-project list (``lists``).
* ``department_target`` — a 部门整体支出绩效目标表 printed as a list (unit | 资金总额 |
  整体绩效目标 | indicators): the department as one "project".
"""

from __future__ import annotations

import regex

from extractors.patterns import first_match, named_patterns

FORM_TITLES = named_patterns(
    ("department_self_eval", r"部门整体(?:支出)?绩效(?:自评|评价)"),
    ("project_completion", r"绩效目标完成情况表"),
    ("project_self_eval", r"绩效自评表|绩效自评价表|绩效评价表"),
    ("department_target", r"部门整体(?:支出)?绩效目标"),
    ("project_target", r"绩效目标(?:申报|审核|填报)?表|绩效目标表"),
)
_ANY_FORM_TITLE = regex.compile(r"绩效.{0,12}表")
LEVEL1_HEADER = regex.compile(r"^一级指标")
NAME_LABEL = regex.compile(r"^(?:项目名称|部门名称|单位名称)[:：]?$")


def form_kind(title: str | None) -> str | None:
    """The layout key a title names, or None when the title names no performance form."""
    return first_match(FORM_TITLES, title) if title else None


def is_form_title(text: str) -> bool:
    """True for a short line that titles a performance form."""
    return len(text) <= 60 and bool(_ANY_FORM_TITLE.search(text)) and form_kind(text) is not None
