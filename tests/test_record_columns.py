"""The ORM content columns are built from the record dataclasses (``models.columns``)."""

from __future__ import annotations

import typing
from dataclasses import dataclass, fields
from decimal import Decimal

import pytest
from sqlalchemy import JSON, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from models.columns import UnstorableField, column_fields, column_type, columns_mixin
from models.orm import FactRow, FindingRow, IndicatorRow, LineItemRow, ProjectRow
from models.records import Fact, Finding, Indicator, LineItem, Project, Source, stored
from models.schema import column_name
from models.types import ExactDecimal

TABLES = [(Fact, FactRow), (LineItem, LineItemRow), (Project, ProjectRow), (Indicator, IndicatorRow),
          (Finding, FindingRow)]
ROWS = [FactRow, LineItemRow, ProjectRow, IndicatorRow]  # the tables with a Source's columns


def _expected(annotation) -> tuple[type, bool]:
    """(SQL type class, nullable) a field's annotation calls for, spelled independently."""
    nullable = type(None) in typing.get_args(annotation)
    if nullable:
        annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
    base = typing.get_origin(annotation) or annotation
    if base is typing.Literal:
        base = str
    return {Decimal: ExactDecimal, int: Integer, str: String, tuple: JSON}[base], nullable


@pytest.mark.parametrize(("record_type", "model"), TABLES, ids=lambda x: getattr(x, "__name__", ""))
def test_each_field_has_its_column_with_its_type(record_type, model):
    hints = typing.get_type_hints(record_type)
    table = model.__table__
    for f in column_fields(record_type):
        column = table.columns[column_name(f)]
        sql_type, nullable = _expected(hints[f.name])
        assert isinstance(column.type, sql_type), (f.name, column.type)
        assert column.nullable is nullable, f.name
        length = f.metadata.get("column", {}).get("length")
        if sql_type is String:
            assert column.type.length == length, f.name  # Text (a String) has no length
            assert isinstance(column.type, Text) is (length is None), f.name


@pytest.mark.parametrize("model", ROWS, ids=lambda m: m.__name__)
def test_the_source_columns_close_each_row(model):
    """Table-only columns first, then the record's, then its Source's: the schema's order."""
    names = list(model.__table__.columns.keys())
    source = [column_name(f) for f in fields(Source)]
    assert source == ["block", "page", "line", "text", "cell_row", "cell_col", "read_by", "ocr_confidence"]
    assert names[-len(source):] == source
    text, read_by = model.__table__.columns["text"], model.__table__.columns["read_by"]
    assert (isinstance(text.type, Text), text.nullable, text.default.arg) == (True, False, "")
    assert (read_by.type.length, read_by.server_default.arg, read_by.nullable) == (8, "text", False)


def test_known_columns_keep_their_storage():
    """Spot checks against the migrations: lengths, indexes, renamed columns, the order of
    LineItem's keyword-only fields (their columns came later, at the end)."""
    facts, lines = FactRow.__table__.columns, LineItemRow.__table__.columns
    assert (facts["metric"].type.length, facts["metric"].index) == (80, True)
    assert isinstance(facts["budget_value"].type, ExactDecimal) and facts["budget_value"].nullable
    assert list(lines.keys())[:4] == ["id", "report_id", "source_id", "seq"]
    assert list(lines.keys())[4:17] == ["table_key", "classification", "code", "name", "measure", "value",
                                        "unit", "printed_unit", "printed_value", "code_origin", "level", "parent",
                                        "side"]
    assert lines["code"].index and not lines["measure"].nullable and isinstance(lines["measure"].type, Text)
    pages = FindingRow.__table__.columns["pages"]
    assert isinstance(pages.type, JSON) and pages.default.arg.__name__ == "list" and not pages.nullable
    assert isinstance(ProjectRow.__table__.columns["unit"].type, Text)


class _Base(DeclarativeBase):
    metadata = MetaData()


@dataclass(frozen=True)
class _Record:
    name: str = stored(length=20, index=True)
    amount: Decimal | None = None
    count: int = 0
    note: str | None = stored(None, column="remark")
    tags: tuple[str, ...] = stored((), insert_default=list)
    late: str | None = stored(None, kw_only=True, length=4)
    added_later: Decimal | None = None  # the "one edit": a new field


class _RecordRow(_Base, columns_mixin(_Record)):
    __tablename__ = "throwaway"
    id: Mapped[int] = mapped_column(primary_key=True)


def test_a_field_added_to_a_dataclass_is_a_column():
    columns = _RecordRow.__table__.columns
    assert list(columns.keys()) == ["id", "name", "amount", "count", "remark", "tags", "added_later", "late"]
    assert isinstance(columns["added_later"].type, ExactDecimal) and columns["added_later"].nullable
    assert (columns["name"].type.length, columns["name"].index, columns["name"].nullable) == (20, True, False)
    assert isinstance(columns["count"].type, Integer) and not columns["count"].nullable
    assert isinstance(columns["remark"].type, Text) and columns["remark"].nullable
    assert isinstance(columns["tags"].type, JSON) and columns["tags"].default.arg.__name__ == "list"
    assert columns["late"].type.length == 4
    assert _RecordRow.added_later is not None  # a mapped attribute, usable in queries
    assert _Record("x").count == 0  # the record's own default is the dataclass's


def test_a_field_with_no_one_column_type_is_refused():
    with pytest.raises(UnstorableField):
        column_type(str | int | None)
    with pytest.raises(UnstorableField):
        column_type(set)
    assert isinstance(column_type(typing.Literal["a", "b"], 8)[0], String)


def test_every_source_field_has_its_place_in_the_export():
    from models.schema import SOURCE_JSON

    assert sorted(SOURCE_JSON) == sorted([f.name for f in fields(Source)] + ["file"])


def test_edition_keys_name_stored_fields():
    from models.schema import EDITION_KEYS, edition_columns

    for record_type, names in EDITION_KEYS.items():
        assert set(names) <= {f.name for f in column_fields(record_type)}
    assert edition_columns(LineItem) == ("table_key", "code", "name", "measure")


def test_identity_evidence_round_trips_its_value_type():
    from types import SimpleNamespace

    from models.records import Evidence
    from models.schema import evidence_columns, evidence_of

    year = Evidence(2023, "title", Source(block=1, text="2023年度部门决算", row=2))
    row = evidence_columns(year)
    assert (row["value"], row["value_type"], row["found_in"], row["cell_row"]) == ("2023", "int", "title", 2)
    assert evidence_of(SimpleNamespace(**row)) == year
    name = Evidence("某某局", "heading")
    assert evidence_of(SimpleNamespace(**evidence_columns(name))) == name
