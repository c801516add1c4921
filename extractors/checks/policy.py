"""How far two figures may differ before a check calls it a contradiction.

Reports round every amount to the digits they print, so "the same figure" rarely agrees to
the last digit once it has been added up or divided. The policy (also in the package
docstring) is:

* Amounts: a difference of at most ``AMOUNT_TOLERANCE`` (0.05 万元), or of half a unit of
  the coarsest printed digit (an amount printed in 亿元 to two decimals is only known to
  ±50 万元), or, for a sum, half a cent per rounded part, is ``info``. Beyond that it is an
  ``error``: the two figures cannot both be right.
* Percentages: a percentage recomputed from the amounts that differs from the printed one
  by more than the printed percentage's own rounding (half a unit of its last digit) is a
  ``warning`` — percentages are derived figures, the amounts they were computed from may
  themselves be rounded, and a wrong percentage misleads less than a wrong amount.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from models.records import Severity

AMOUNT_TOLERANCE = Decimal("0.05")  # 万元: differences up to this are rounding (info)
CENT = Decimal("0.005")  # half of the 0.01 万元 every amount is rounded to
_UNIT_TO_WAN = {"亿元": Decimal("10000"), "亿": Decimal("10000")}


def printed_half_unit(printed_value: str | None, printed_unit: str | None) -> Decimal:
    """Half a unit of the last printed digit, in 万元, for units coarser than 万元.

    Amounts in 万元 and 元 are taken as exact to 0.01 万元 (prose drops trailing zeros:
    "78万元" means 78.00), so only 亿元 figures widen the tolerance.
    """
    factor = _UNIT_TO_WAN.get((printed_unit or "").strip())
    if factor is None or not printed_value:
        return Decimal(0)
    digits = printed_value.replace(",", "").strip()
    decimals = len(digits.split(".", 1)[1]) if "." in digits else 0
    return Decimal(1).scaleb(-decimals) / 2 * factor


def amount_tolerance(half_units: Iterable[Decimal] = (), n_parts: int = 0) -> Decimal:
    """The rounding allowance for comparing amounts (see the module docstring)."""
    return max([AMOUNT_TOLERANCE, CENT * (n_parts + 1), *half_units])


def amount_severity(difference: Decimal, tolerance: Decimal) -> Severity | None:
    """``None`` when equal, ``info`` within rounding, ``error`` beyond it."""
    gap = abs(difference)
    if gap == 0:
        return None
    return "info" if gap <= tolerance else "error"


def percent_half_unit(printed_pct: Decimal) -> Decimal:
    """Half a unit of the last digit the percentage was printed with (100 → 0.5, 9.3 → 0.05)."""
    exponent = printed_pct.as_tuple().exponent
    exponent = min(exponent if isinstance(exponent, int) else 0, 0)
    return Decimal(1).scaleb(exponent) / 2


def percent_disagrees(printed_pct: Decimal, computed_pct: Decimal) -> bool:
    """True when ``computed_pct`` does not round to ``printed_pct`` at its printed precision."""
    return abs(computed_pct - printed_pct) > percent_half_unit(printed_pct) + Decimal("1e-9")


def percent_of(part: Decimal, whole: Decimal) -> Decimal | None:
    """``part / whole`` as a percentage; ``None`` when the whole is zero (undefined)."""
    if whole == 0:
        return None
    return part * 100 / whole


def fmt_amount(value: Decimal) -> str:
    """An amount as people read it: no exponent, no trailing zeros beyond the cents."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -4:
        value = value.quantize(Decimal("0.0001"))
    return format(value, "f")


def fmt_pct(value: Decimal) -> str:
    """A recomputed percentage, to two decimals."""
    return f"{value.quantize(Decimal('0.01'))}%"


def percent_range(part: Decimal, whole: Decimal, part_half: Decimal = CENT,
                  whole_half: Decimal = CENT) -> tuple[Decimal, Decimal] | None:
    """The percentages ``part / whole`` can be when both were rounded to the cent."""
    low_whole, high_whole = abs(whole) - whole_half, abs(whole) + whole_half
    if low_whole <= 0:
        return None
    sign = -1 if (part < 0) != (whole < 0) else 1
    ends = ((abs(part) - part_half) * 100 / high_whole, (abs(part) + part_half) * 100 / low_whole)
    low, high = sorted(sign * max(e, Decimal(0)) for e in ends)
    return low, high


def rounding_could_explain(printed_pct: Decimal, part: Decimal, whole: Decimal,
                           part_half: Decimal = CENT, whole_half: Decimal = CENT) -> bool:
    """True when amounts rounded to the cent could give the printed percentage.

    The warning stands (the printed figures do not give the printed percentage), but the
    message says so: a reader then knows to look for an unrounded amount, not an error.
    """
    span = percent_range(part, whole, part_half, whole_half)
    if span is None:
        return False
    half = percent_half_unit(printed_pct)
    return span[0] - half <= printed_pct <= span[1] + half


ROUNDING_NOTE = "（按金额的四舍五入范围计算可能一致）"


def wan_decimals(printed_value: str | None, printed_unit: str | None, value: Decimal) -> int:
    """How many decimals of 万元 the printed figure carries (元 integers: 4; 万元: at least 2).

    Prose in 万元 drops trailing zeros ("7万元" is 7.00), so 万元 figures count as at
    least cents; 元 figures are four places finer, 亿元 four coarser.
    """
    shift = {"元": 4, "亿元": -4, "亿": -4}.get((printed_unit or "万元").strip(), 0)
    if printed_value:
        digits = printed_value.replace(",", "").strip()
        decimals = len(digits.split(".", 1)[1]) if "." in digits else 0
    else:
        exponent = value.as_tuple().exponent
        decimals = -exponent if isinstance(exponent, int) else 2
    return decimals + shift if shift else max(decimals, 2)


def same_at_precision(a: Decimal, b: Decimal, decimals: int) -> bool:
    """True when ``a`` and ``b`` print the same at ``decimals`` places of 万元.

    350.35万元 in the text and 3,503,499元 in a table are one figure printed at two
    precisions, not two figures that differ by 0.0001.
    """
    quantum = Decimal(1).scaleb(-decimals)
    return a.quantize(quantum, rounding=ROUND_HALF_UP) == b.quantize(quantum, rounding=ROUND_HALF_UP)
