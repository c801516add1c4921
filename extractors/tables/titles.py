"""Recognise a standard table (附表) by its title, whatever its number or position.

Titles vary by place and year ("五、一般公共预算财政拨款支出决算表", "公开表五",
"2025年部门一般公共预算支出功能分类预算表", "表5 …决算明细表"), so a title is matched by
the words that carry its meaning, most specific first: "一般公共预算…基本支出" must be
tried before "一般公共预算…支出", and "三公" before everything that mentions 支出.

Keys (``TablesResult.tables[i]["key"]``, ``LineItem.table``):

* SPEC.md's nine: ``income_expenditure_summary`` (收入支出决算总表 / 部门财务收支预算总表),
  ``income`` (收入决算表 / 部门收入预算总表), ``expenditure`` (支出决算表 / 部门支出预算总表),
  ``appropriation_summary`` (财政拨款收入支出决算总表 / 财政拨款收支预算总表),
  ``general_budget_expenditure`` (一般公共预算财政拨款支出决算表 / 一般公共预算支出功能分类预算表),
  ``general_budget_basic`` (…基本支出决算(明细)表 / …基本支出部门预算经济分类预算表),
  ``three_public`` (“三公”经费支出决算表 / “三公”经费和机关运行经费预算表),
  ``gov_fund`` (政府性基金预算财政拨款(收入)支出决算表), ``state_capital`` (国有资本经营…).
* Budget-only, Sichuan and Jiangsu extras: ``appropriation_expenditure_detail``
  (财政拨款支出决算明细表), ``appropriation_expenditure`` (Jiangsu 财政拨款支出预算表),
  ``appropriation_basic`` (财政拨款基本支出预算表), ``general_budget_expenditure_detail``
  (一般公共预算财政拨款支出决算明细表, Sichuan's economic-classification detail),
  ``general_budget_project`` (一般公共预算财政拨款项目支出决算表), ``gov_fund_three_public``
  (政府性基金预算财政拨款“三公”经费支出决算表), ``operating_costs`` (机关运行经费支出预算表),
  ``procurement`` (政府采购支出预算表), ``project_expenditure`` (项目支出决算/预算表),
  ``basic_expenditure`` (基本支出(预算)总表 by economic class and funding source: Shenzhen,
  Guangzhou), ``general_budget_economic`` (Shenzhen's 一般公共预算支出表（按经济分类）: all general-budget
  spending by economic class; "…支出情况表(政府经济科目)"), ``gov_fund_economic`` (政府性基金预算支出
  情况表(部门经济科目)), ``carryover_expenditure`` (上年结余结转支出预算表: last year's balances spent
  this year), ``service_purchase`` (政府购买服务预算/决算表, a listing), ``statistics`` (…统计表,
  …信息表: named rows of figures and counts).
"""

from __future__ import annotations

import regex

from extractors.patterns import first_match, named_patterns

_FIN = r"(?:决算|预算)"
# What may stand between a title's subject and its final 表: 总表, 明细表, (总体)情况表.
_T = r"(?:总|明细|总体情况|情况|总体)?表"
# (key, pattern) — the first match wins, so specific titles come first.
TABLE_TITLES = named_patterns(
    # 部门决算公开相关信息统计表, 国有资产占有使用情况统计表, 机构运行信息统计表: rows of figures
    # and counts (车辆数（辆）) by name, no 科目.
    ("statistics", r"统计表|信息表$"),
    ("gov_fund_three_public", r"政府性基金.*三公"),
    ("three_public", r"三公.{0,2}经费"),
    ("operating_costs", r"机关运行经费.*表"),
    ("procurement", r"政府采购.*表"),
    ("gov_fund_economic", r"政府性基金.*经济(?:分类|科目)"),
    ("gov_fund", r"政府性基金"),
    ("state_capital", r"国有资本经营"),
    ("general_budget_basic", r"一般公共预算.*基本支出"),
    ("general_budget_project", r"一般公共预算.*项目支出"),
    ("general_budget_expenditure_detail", r"一般公共预算财政拨款支出决算明细表"),
    ("general_budget_economic", r"一般公共预算.*支出.*经济(?:分类|科目)"),
    ("general_budget_expenditure", r"一般公共预算.*支出"),
    ("appropriation_summary", rf"财政拨款收(?:入)?支(?:出)?{_FIN}?{_T}"),
    ("appropriation_basic", r"财政拨款基本支出"),
    ("appropriation_expenditure_detail", rf"财政拨款支出{_FIN}?明细表"),
    ("appropriation_expenditure", rf"财政拨款支出{_FIN}?表"),
    # 上年结转结余 spent this year, 政府购买服务 and a 项目收入支出 listing: not the 支出表 or 收支总表.
    ("carryover_expenditure", r"(?:结余结转|结转结余|结转和结余|结转)(?:资金)?(?:安排的?)?支出"),
    ("service_purchase", r"政府购买服务"),
    ("project_expenditure", rf"^(?:部门)?项目收入支出{_FIN}?{_T}"),
    ("income_expenditure_summary", rf"收入支出{_FIN}?{_T}|收支{_FIN}?总表|收支总体情况表|财务收支"),
    ("basic_expenditure", rf"^(?:部门)?(?:预算)?基本支出{_FIN}?{_T}"),
    ("project_expenditure",
     rf"^项目支出{_FIN}?{_T}|[^般]项目支出(?:及其他支出)?{_FIN}?{_T}|专项(?:业务)?经费.{{0,4}}{_T}"),
    ("income", rf"收入{_FIN}?{_T}"),
    ("expenditure", rf"支出{_FIN}?{_T}"),
)

# Table numbers printed before (or as) the title: "附表1", "公开02表", "预算01表", "表5", "五、".
_NUMBER = (
    r"附表\s*\d+|(?:公开|预算|决算)\s*[一二三四五六七八九十\d]+\s*表|公开表\s*[一二三四五六七八九十\d]+|"
    r"表\s*[\d一二三四五六七八九十]+"
)
_ORDINAL = regex.compile(rf"^(?:{_NUMBER}|[一二三四五六七八九十]+、|\d+[.．、])\s*[:：]?\s*")
_NUMBER_ONLY = regex.compile(rf"^(?:{_NUMBER})$")
# A title ends in 表, maybe followed by (续), a year, or what it is by ("（按功能分类科目）").
# A part number after it ("决算表（一）", "（二）") says which of a table's parts this is.
_TITLE_SHAPE = regex.compile(
    r"表(?:[（(](?:续|\d{4}年度?|按[^）)]{1,12}|[^）)]{1,10}分类(?:科目)?|[^）)]{0,8}科目|"
    r"[一二三四五六七八九十]|\d)[)）])?$")


def table_key(title: str) -> str | None:
    """The standard-table key a title names, or None.

    >>> table_key("五、一般公共预算财政拨款支出决算表")
    'general_budget_expenditure'
    """
    return first_match(TABLE_TITLES, clean_title(title))


def clean_title(title: str) -> str:
    """The title without its ordinal or table number ("五、", "公开表五", "表5")."""
    return _ORDINAL.sub("", title.strip())


def is_table_number(text: str) -> bool:
    """A paragraph that is only a table's number ("公开01表", "表5"), not its title."""
    return bool(_NUMBER_ONLY.match(text.strip()))


def looks_like_title(text: str) -> bool:
    """A short line ending in 表 — a candidate table title (not a 说明 sentence)."""
    text = text.strip()
    return 4 <= len(text) <= 60 and bool(_TITLE_SHAPE.search(text)) and "绩效" not in text
