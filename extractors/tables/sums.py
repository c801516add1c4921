"""Does a function-classification table's 类 column add up to the total it prints?

The one-number health check of a table read: when the 类 lines (3-digit codes) of the
general-budget expenditure table sum to its printed 合计, every 类 row was found, none was
read twice (a 小计 column taken for the total doubles them) and the total row was
recognised. A table that prints only 项 rows (Beijing's 预算05表 lists 7-digit codes and
no 类 row) is checked on its top printed level instead. Publishers round: a difference up
to ``ROUNDING`` 万元 still adds up.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from models.records import LineItem

ROUNDING = Decimal("0.05")


@dataclass(frozen=True)
class ClassSum:
    """The 类 sum of one table column against the printed total (None when not printed)."""

    table: str
    column: str
    class_sum: Decimal | None
    printed: Decimal | None
    n_classes: int

    @property
    def ok(self) -> bool:
        if self.class_sum is None or self.printed is None:
            return False
        return abs(self.class_sum - self.printed) <= ROUNDING


def class_sum_check(
    items: list[LineItem], table: str = "general_budget_expenditure", column: str = "total"
) -> ClassSum | None:
    """The check for ``table`` (None when the table gave no line at all)."""
    lines = [i for i in items if i.table == table and i.column == column]
    if not lines:
        return None
    coded = [i for i in lines if i.code and i.value is not None]
    top = min((len(i.code) for i in coded), default=3)
    classes = [i.value for i in coded if len(i.code) == top]
    totals = [i.value for i in lines if i.level == "合计" and i.code is None]
    return ClassSum(table, column, sum(classes, Decimal(0)) if classes else None,
                    totals[0] if totals else None, len(classes))

