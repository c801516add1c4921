"""What a figure printed right after these words measures: a budget, a 决算, a share, a
completion rate or a change.

The narrative facts (``narrative/scanner.py``) and the classification lines
(``classification.py``) read the same sentences ("年初预算为…", "占…的比重为…", "执行率达…",
"增长幅度为…"), so they share one set of patterns. The patterns sit outside the
``narrative`` package because ``narrative`` imports ``classification`` (for the text it
claims); importing back into the package would be circular.

Each pattern is anchored at the end: it is searched in the words just before a figure.
The scanner needs the wider wordings (资金/总额, 支付金额, 比例/比重, 幅度, 完成率, 达);
classification reads the same lines with them as without, so one version serves both.
"""

from __future__ import annotations

import regex

BUDGET = regex.compile(r"(?:年初|全年|调整后?)?预算(?:数)?(?:资金)?(?:总额)?(?:为|是)?$")
ACTUAL = regex.compile(
    r"(?:支出)?决算(?:数|支出)?(?:总额|合计)?(?:为|是)?$|执行数(?:为)?$|实际支出(?:为)?$|支付(?:金额)?(?:为)?$")
SHARE = regex.compile(r"占[^，,；;。]{0,24}?的?(?:比[例重]为?)?$")
COMPLETION = regex.compile(
    r"完成(?:了)?(?:年初|全年|调整后?)?预算(?:数)?的?$|(?:预算)?执行率(?:为|达)?$|完成率(?:为)?$"
    r"|(?:占|为)(?:年初|全年|调整后?)?预算(?:数)?的?$"
)
# A change in percent (or, in classification, an amount of change, which is no measure).
CHANGE_PCT = regex.compile(
    r"(?P<word>增加|增长|上升|提高|减少|下降|降低|增幅|降幅|减幅)(?:了|率为|率|幅度为|幅度|为|达)?$"
)

# "决算数大于预算数X万元", "支出小于年初预算X万元": the gap to the budget (决算 − 预算), signed by
# its word; for the narrative's facts and its classification lines alike.
GAP = regex.compile(r"(?:决算|支出)(?:数)?(?P<word>大于|小于|多于|少于|超过|超出|低于)"
                    r"(?:年初|全年|调整后?)?预算(?:数)?(?:为)?$")
GAP_SIGN = {"大于": 1, "多于": 1, "超过": 1, "超出": 1, "小于": -1, "少于": -1, "低于": -1}
