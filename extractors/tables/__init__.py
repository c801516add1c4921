"""The standard tables (附表) of 决算 and 预算 reports → line items and total facts.

Entry point: ``extract_standard_tables(doc, identity) -> TablesResult`` with
``line_items`` (one per row × measure column, values in 万元, printed value and unit
kept), ``facts`` (origin "table": only totals a table prints) and ``tables`` (one dict
per recognised table: key, title, block(s), pages, unit, empty, note, n_rows, columns).

Flow: ``locate`` (title → key via ``titles``, unit and note via ``units``, continuation
grids joined) → ``headers`` (multi-row header → column roles and sides) → ``rows``
(codes and names) → ``lines`` (row tables) or ``groups`` (the 三公 table's column
groups), cells turned into items by ``items`` → ``facts``. Table keys are listed in
``titles``; measure names (``LineItem.column``) in ``headers.MEASURES``: total, basic,
project, to_superior, operating, to_affiliates, fiscal, superior_subsidy, business,
affiliated, other, general_budget, gov_fund, state_capital, personnel, public, income,
carryover_start, carryover_end, budget (预算数), final (决算数).

Row conventions: codes normalised to 3/5/7 digits (``code_origin`` "printed"); 合计 /
总计 rows have code None and level "合计"; the 总表's ordinal 支出 rows
("一、一般公共服务支出") have level "类" and a code resolved from the name by
``extractors.codes`` (``code_origin`` "resolved") or None. Names lose their list
ordinal; ``Source.text`` keeps the row as printed. The 三公 table is read by column
groups: the line is the header's category (合计, 因公出国（境）费, 公务用车购置费 …), the
column ``budget`` or ``final``.
"""

from extractors.tables.extract import TablesResult, extract_standard_tables
from extractors.tables.titles import TABLE_TITLES, table_key

__all__ = ["TABLE_TITLES", "TablesResult", "extract_standard_tables", "table_key"]
