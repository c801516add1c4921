"""The record types are the one statement of their fields: rows, loader and export follow."""

from __future__ import annotations

import pytest

from models.orm import FactRow, IndicatorRow, LineItemRow, ProjectRow
from models.records import Fact, Indicator, LineItem, Project
from models.schema import SOURCE_COLUMNS, columns, value_fields

TABLES = [(Fact, FactRow), (LineItem, LineItemRow), (Project, ProjectRow), (Indicator, IndicatorRow)]


@pytest.mark.parametrize(("record_type", "model"), TABLES, ids=lambda x: getattr(x, "__name__", ""))
def test_every_field_has_its_column(record_type, model):
    """A field added to a record without its ORM column (and migration) fails here, not at ingest."""
    table_columns = set(model.__table__.columns.keys())
    missing = [column for _, column in columns(record_type) if column not in table_columns]
    assert missing == []
    assert set(SOURCE_COLUMNS.values()) <= table_columns


def test_the_identity_fields_with_evidence():
    from models.schema import EVIDENCE_FIELDS

    assert EVIDENCE_FIELDS == ("department", "region", "fiscal_year", "kind", "scope", "consolidation")


def test_line_item_fields_keep_the_export_order_and_the_positional_arguments():
    assert value_fields(LineItem) == ("table", "classification", "code", "code_origin", "level", "name", "parent", "column",
                                      "side", "value", "unit", "printed_unit", "printed_value")
    from decimal import Decimal

    from models.records import Source

    item = LineItem("expenditure", "function", "201", "一般公共服务支出", "total", Decimal("1.00"), Source(), "万元")
    assert (item.name, item.column, item.unit, item.code_origin) == ("一般公共服务支出", "total", "万元", None)
