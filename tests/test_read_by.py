"""Every figure says how it was read: ``read_by`` "text" or "ocr", with the OCR confidence.

OCR boxes carry their recognition score through the one layout step into paragraphs and
table cells (the lowest score of the boxes each holds); every record read from such a
block says ``read_by`` "ocr" and that score, through storage, the JSON export and the
research views. These tests need no OCR engine: the boxes are made as the OCR reader makes
them (``ocr.line_chars``), with the seed report's real figures.
"""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal

import jsonschema
import pytest
from alembic import command
from db_sample import narrative_record, tables_record
from sqlalchemy import text

from db.engine import open_database, session_factory
from db.export import dumps, export_json
from db.load import load_record
from db.migrate import alembic_config
from db.store import FileInfo, store_report
from extractors.document import OCR, TEXT, Document, Format, Paragraph, Reading, build_table, combine
from extractors.readers import ocr
from extractors.readers.pdf import layout_page
from extractors.readers.pdf_paragraphs import PageContent, assemble
from extractors.readers.pdf_pdfium import PageData
from extractors.report import extract_report
from models.records import Source

SCHEMA = json.loads((__import__("pathlib").Path(__file__).resolve().parent.parent / "db" /
                     "export_schema.json").read_text())

# The seed's 一般公共预算财政拨款支出决算表 rows (tests/fixtures/seed_yanbian_2020.txt).
ROWS = [("科目编码", "科目名称", "合计"), ("201", "一般公共服务支出", "712.91"),
        ("20103", "政府办公厅（室）及相关机构事务", "712.91"), ("2010301", "行政运行", "486.90")]
WIDTHS = (60.0, 200.0, 80.0)
ROW_HEIGHT = 20.0


def _ocr_table_page(scores: dict[tuple[int, int], float]) -> PageData:
    """A ruled table whose cell texts are OCR boxes with the given scores (default 0.99)."""
    chars, edges = [], []
    left, top = 50.0, 100.0
    xs = [left]
    for width in WIDTHS:
        xs.append(xs[-1] + width)
    ys = [top + i * ROW_HEIGHT for i in range(len(ROWS) + 1)]
    for r, row in enumerate(ROWS):
        for c, value in enumerate(row):
            chars += ocr.line_chars(value, xs[c] + 2, xs[c] + 2 + 5.5 * len(value), ys[r] + 4, ys[r] + 15,
                                    confidence=scores.get((r, c), 0.99))
    edges += [{"x0": xs[0], "x1": xs[-1], "top": y, "bottom": y, "width": xs[-1] - xs[0], "height": 0.0,
               "orientation": "h", "object_type": "line"} for y in ys]
    edges += [{"x0": x, "x1": x, "top": ys[0], "bottom": ys[-1], "width": 0.0, "height": ys[-1] - ys[0],
               "orientation": "v", "object_type": "line"} for x in xs]
    chars += ocr.line_chars("2020年度收入决算总额为850.18万元。", 50, 250, 40, 52, confidence=0.8734)
    return PageData(width=595.0, height=842.0, chars=chars, edges=edges, images=1)


def test_ocr_scores_reach_cells_and_paragraphs_through_the_layout_step():
    content, _ = layout_page(1, _ocr_table_page({(3, 2): 0.6123, (3, 1): 0.7}))
    blocks = assemble([content])
    paragraph, table = blocks
    assert isinstance(paragraph, Paragraph)
    assert (paragraph.method, paragraph.confidence) == (OCR, 0.873)  # kept to 3 places
    value = table.cell_at(3, 2)
    assert (value.value, value.method, value.confidence) == ("486.90", OCR, 0.612)
    assert table.cell_at(1, 2).reading == Reading(OCR, 0.99)
    assert table.reading(3) == Reading(OCR, 0.612)  # the row: its lowest cell
    assert table.reading() == Reading(OCR, 0.612)


def test_text_layer_blocks_say_text():
    table = build_table([[("合计", 1, 1), ("712.91", 1, 1)]])
    assert table.reading(0, 1) == Reading(TEXT, None) and Paragraph("x").reading() == Reading()
    assert combine([Reading(), Reading(OCR, 0.9), Reading(OCR, 0.8)]) == Reading(OCR, 0.8)
    assert combine([Reading(), Reading()]) == Reading()


def test_records_read_from_ocr_blocks_carry_read_by_and_confidence():
    """Narrative facts take their paragraph's reading, table lines their value cell's."""
    content, _ = layout_page(1, _ocr_table_page({(3, 2): 0.6123}))
    title = ocr.line_chars("盐边县人民政府办公室2020年度部门决算", 100, 400, 10, 24, confidence=0.95)
    head, _ = layout_page(1, PageData(width=595.0, height=842.0, chars=title, images=1))
    header = ocr.line_chars("一般公共预算财政拨款支出决算表", 120, 330, 80, 92, confidence=0.97)
    caption, _ = layout_page(2, PageData(width=595.0, height=842.0, chars=header, images=1))
    table_page = PageContent(number=2, width=595.0, height=842.0,
                             items=caption.items + [i for i in content.items if not hasattr(i, "text")])
    text_page = PageContent(number=1, width=595.0, height=842.0,
                            items=head.items + [i for i in content.items if hasattr(i, "text")])
    doc = Document(blocks=assemble([text_page, table_page]), format=Format.PDF, pages=2)
    record = extract_report(doc)
    income = next(f for f in record.facts if f.metric == "income.total")
    assert (income.value, income.source.read_by, income.source.ocr_confidence) == \
        (Decimal("850.18"), "ocr", Decimal("0.873"))
    line = next(i for i in record.line_items if i.code == "2010301")
    assert (line.value, line.source.read_by, line.source.ocr_confidence) == \
        (Decimal("486.90"), "ocr", Decimal("0.612"))
    assert record.identity.department.source.read_by == "ocr"


@pytest.fixture
def engine(db_url):
    engine = open_database(db_url)
    yield engine
    engine.dispose()


def _ocr_record():
    """The seed record as if its income sentence and one table cell had been OCR'd."""
    record = narrative_record()
    fact = record.facts[0]
    ocr_fact = replace(fact, source=replace(fact.source, read_by="ocr", ocr_confidence=Decimal("0.912")))
    tables = tables_record()
    item = tables.line_items[0]
    ocr_item = replace(item, source=replace(item.source, read_by="ocr", ocr_confidence=Decimal("0.640")))
    return (replace(record, facts=[ocr_fact, *record.facts[1:]]),
            replace(tables, line_items=[ocr_item, *tables.line_items[1:]]))


def _store(engine, *records):
    with session_factory(engine).begin() as session:
        for i, record in enumerate(records):
            result = store_report(session, record, FileInfo(f"r{i}.pdf", str(i) * 64, "pdf", 21, 1),
                                  extractor_version="test")
    return result.report_id


def test_read_by_round_trips_through_storage_export_and_views(engine):
    narrative, tables = _ocr_record()
    report_id = _store(engine, narrative, tables)
    with session_factory(engine)() as session:
        loaded = load_record(session, report_id)
        exported = json.loads(dumps(export_json(session)), parse_float=Decimal)
    assert loaded.facts[0].source == narrative.facts[0].source
    assert loaded.facts[1].source.read_by == "text" and loaded.facts[1].source.ocr_confidence is None
    ocr_line = next(i for i in loaded.line_items if i.source.read_by == "ocr")
    assert (ocr_line.code, ocr_line.source.ocr_confidence) == ("2010301", Decimal("0.640"))
    jsonschema.Draft202012Validator(SCHEMA).validate(exported)
    report = exported["reports"][0]
    fact = report["facts"][0]
    assert list(fact)[-9:] == ["page", "block", "line", "row", "col", "text", "file", "read_by",
                               "ocr_confidence"]  # the old keys keep their order, the new follow
    assert (fact["read_by"], fact["ocr_confidence"]) == ("ocr", Decimal("0.912"))
    assert (report["facts"][1]["read_by"], report["facts"][1]["ocr_confidence"]) == ("text", None)
    indicator = report["projects"][0]["indicators"][0]
    assert (indicator["read_by"], indicator["ocr_confidence"]) == ("text", None)
    assert report["identity"]["department"]["read_by"] == "text"
    with engine.connect() as connection:
        rows = connection.execute(text(
            "SELECT metric, read_by, ocr_confidence FROM v_facts WHERE read_by = 'ocr' "
            "AND ocr_confidence < 0.95")).all()
        lines = connection.execute(text(
            "SELECT code FROM v_line_items WHERE read_by = 'ocr' AND ocr_confidence < 0.7")).all()
    assert [(m, r, Decimal(str(c))) for m, r, c in rows] == [("income.total", "ocr", Decimal("0.912"))]
    assert [c for (c,) in lines] == ["2010301"]


def test_rows_stored_before_0006_read_as_text_after_the_upgrade(engine):
    """Downgrade to 0005 drops the columns and keeps the rows; upgrading marks them "text"."""
    _store(engine, narrative_record())
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0005")
    with engine.connect() as connection:
        columns = connection.execute(text("SELECT * FROM facts WHERE 1 = 0")).keys()
        assert "read_by" not in columns
        assert connection.execute(text("SELECT COUNT(*) FROM facts")).scalar() == 3
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    with session_factory(engine)() as session:
        record = load_record(session, 1)
    assert {(f.source.read_by, f.source.ocr_confidence) for f in record.facts} == {("text", None)}
    assert record.facts[0].source == replace(narrative_record().facts[0].source)


def test_source_default_is_text():
    assert (Source().read_by, Source().ocr_confidence, Source(read_by="ocr").is_ocr) == ("text", None, True)
