"""The generated full reports: their 附表 carry the figures module's numbers, faithfully.

Fixture checks (no reader of ours involved) prove the files are what README.md says;
reader checks prove the .docx and .pdf readings give the very grids the generator wrote.
"""

from __future__ import annotations

from decimal import Decimal

import pdfplumber
import pytest
from conftest import FIXTURES
from docx import Document as open_docx
from fixtures.gen.figures import CAIZHENG_2020, RESTATEMENTS, YANBIAN_2019, YANBIAN_2020, check_sums
from fixtures.gen.report import PAGE_BREAK, KeptForm, Part, TitledTable
from fixtures.gen.standard_tables import TableSection, all_standard_tables
from fixtures.gen.yanbian_2019 import parts_2019

from extractors.document import Document, Table
from extractors.readers import read_document
from extractors.textnorm import normalize_text

FULL_2020_DOCX = FIXTURES / "sources" / "yanbian_2020_full.docx"
FULL_2020_PDF = FIXTURES / "sources" / "yanbian_2020_full.pdf"
PUBLISHED_2020 = FIXTURES / "reports" / "盐边县人民政府办公室2020年度部门决算.pdf"
SECTIONS_2020 = all_standard_tables(YANBIAN_2020)
Y2019_DOCX = FIXTURES / "sources" / "yanbian_2019.docx"
Y2019_PDF = FIXTURES / "reports" / "盐边县人民政府办公室2019年度部门决算.pdf"
PARTS_2019: list[Part] = parts_2019()


def _read(path) -> Document:
    return read_document(path)


def test_figures_add_up_apart_from_the_documented_rounding():
    assert check_sums(YANBIAN_2020) == []
    classes = YANBIAN_2020.classes()
    assert [c.total for c in classes] == [Decimal(v) for v in ("712.91", "78.15", "0.09", "59.03")]
    items = [s for s in YANBIAN_2020.subjects if s.level == "项" and s.code.startswith("201")]
    assert sum(s.total for s in items) == Decimal("712.90")  # the source's own rounding


def test_published_copy_is_the_sources_pdf():
    assert PUBLISHED_2020.read_bytes() == FULL_2020_PDF.read_bytes()


def test_docx_has_the_seed_forms_then_nine_standard_tables():
    word = open_docx(str(FULL_2020_DOCX))
    assert len(word.tables) == 5 + 9
    texts = [p.text for p in word.paragraphs]
    appendix = texts.index("第五部分附表")  # the seed's heading, as the .txt reader normalised it
    for section in SECTIONS_2020:
        at = texts.index(section.title, appendix)
        assert texts[at + 1] == "单位：万元" and section.note in texts[at + 2:at + 4]


def test_general_budget_table_breaks_across_pages_without_repeated_header():
    with pdfplumber.open(FULL_2020_PDF) as pdf:
        pages = [p.extract_text() for p in pdf.pages]
    start = next(n for n, text in enumerate(pages)
                 if "一般公共预算财政拨款支出决算表" in text and "类 款 项" in text)
    first, following = pages[start], pages[start + 1].splitlines()
    assert "类 款 项" in first and "合计 850.18 706.02 144.16" in first
    assert following[0].startswith("201 03 政府办公厅（室）及相关机构事务")
    assert not any("科目编码" in line for line in following)


# -- the readers give the generator's own grids ----------------------------------------


@pytest.fixture(scope="module", params=[FULL_2020_DOCX, FULL_2020_PDF], ids=["docx", "pdf"])
def full_2020(request) -> Document:
    return _read(request.param)


def _table_after(doc: Document, title: str) -> Table:
    """The first table after the paragraph that is exactly ``title``."""
    blocks = doc.blocks
    at = max(i for i, b in enumerate(blocks) if getattr(b, "text", None) == title)
    return next(b for b in blocks[at:] if isinstance(b, Table))


@pytest.mark.parametrize("section", SECTIONS_2020, ids=[s.title for s in SECTIONS_2020])
def test_standard_table_reads_as_generated(full_2020, section):
    table = _table_after(full_2020, section.title)
    assert table.shape_signature() == section.table.shape_signature()


def test_split_table_is_one_table_on_two_pages():
    doc = _read(FULL_2020_PDF)
    table = _table_after(doc, "一般公共预算财政拨款支出决算表")
    assert table.n_rows == 3 + len(YANBIAN_2020.subjects)
    first, last = table.row_pages[0], table.row_pages[-1]
    assert last == first + 1


# -- 2019: the previous year of the same office ------------------------------------------


@pytest.fixture(scope="module", params=[Y2019_DOCX, Y2019_PDF], ids=["docx", "pdf"])
def report_2019(request) -> Document:
    return _read(request.param)


def test_2019_figures_match_what_2020_says_about_2019():
    assert check_sums(YANBIAN_2019) == []
    assert YANBIAN_2019.total == Decimal("731.42")
    assert YANBIAN_2019.three_costs.abroad[1] == Decimal("0.25")
    assert YANBIAN_2019.three_costs.vehicles[1] == 0
    assert YANBIAN_2020.three_costs.vehicles[1] - YANBIAN_2019.three_costs.vehicles[1] == Decimal("0.5")
    # the deliberate restatement: 2020 implies 53.77 + 0.69, 2019 prints 54.64
    assert YANBIAN_2019.operating_costs == Decimal("54.64") != Decimal("53.77") + Decimal("0.69")
    assert ("机关运行经费", 2019) in RESTATEMENTS


def test_2019_codes_differ_from_2020_as_the_years_did():
    codes_2019 = {s.code: s.name for s in YANBIAN_2019.subjects}
    codes_2020 = {s.code: s.name for s in YANBIAN_2020.subjects}
    assert codes_2019["20805"] == "行政事业单位离退休" and codes_2020["20805"] == "行政事业单位养老支出"
    assert "2010399" in codes_2019 and "2010399" not in codes_2020
    assert "2100409" in codes_2020 and "2100409" not in codes_2019
    names_2019 = {p.name for p in YANBIAN_2019.projects}
    names_2020 = {p.name for p in YANBIAN_2020.projects}
    assert names_2019 & names_2020 == {"县政府办公室工作经费", "办公设备专项购置经费"}
    assert len(names_2019 - names_2020) == 1


def _written_paragraphs(parts: list[Part]) -> list[str]:
    out: list[str] = []
    for p in parts:
        if isinstance(p, KeptForm):
            out.append(p.intro)
        elif isinstance(p, str) and p != PAGE_BREAK:
            out.append(p)
    return out


def test_2019_paragraphs_read_as_written(report_2019):
    written = _written_paragraphs(PARTS_2019)
    titles = [s for p in PARTS_2019 if isinstance(p, TableSection)
              for s in (p.title, p.unit_line, p.note)]
    got = [p.text for p in report_2019.paragraphs]
    assert got == [normalize_text(t) for t in written] + titles


def test_2019_tables_read_as_written(report_2019):
    written = [p if isinstance(p, Table) else p.form if isinstance(p, KeptForm) else p.table
               for p in PARTS_2019 if isinstance(p, (Table, TableSection, KeptForm))]
    assert [t.shape_signature() for t in report_2019.tables] == [
        t.shape_signature() for t in written]


# -- 盐边县财政局 2020: a second department, other wording, 元 table, national self-evaluation form


CAIZHENG_DOCX = FIXTURES / "reports" / "盐边县财政局2020年度部门决算.docx"


@pytest.fixture(scope="module")
def caizheng() -> Document:
    return _read(CAIZHENG_DOCX)


@pytest.fixture(scope="module")
def caizheng_parts() -> list[Part]:
    from fixtures.gen.caizheng_2020 import parts_caizheng_2020

    return parts_caizheng_2020()


def _written_tables(parts: list[Part]) -> list[Table]:
    out = []
    for p in parts:
        if isinstance(p, Table):
            out.append(p)
        elif isinstance(p, (TableSection, TitledTable)):
            out.append(p.table)
        elif isinstance(p, KeptForm):
            out.append(p.form)
    return out


def test_caizheng_figures_add_up():
    assert check_sums(CAIZHENG_2020) == []


def test_caizheng_reads_as_written(caizheng, caizheng_parts):
    texts: list[str] = []
    for p in caizheng_parts:
        if isinstance(p, str):
            texts.append(p)
        elif isinstance(p, TitledTable):
            texts += [p.title, p.subtitle]
        elif isinstance(p, TableSection):
            texts += [p.title, p.unit_line, p.note]
    assert [p.text for p in caizheng.paragraphs] == [normalize_text(t) for t in texts]
    assert [t.shape_signature() for t in caizheng.tables] == [
        t.shape_signature() for t in _written_tables(caizheng_parts)]


def test_caizheng_wording_variants(caizheng):
    text = caizheng.full_text()
    assert "年初预算为800.00万元，支出决算为812.45万元，完成年初预算的101.56%" in text
    assert "一般公共服务支出（201类）财政事务（06款）行政运行（01项）" in text
    assert "本年支出合计1,281.76万元" in text and "基本支出1,126.84万元" in text


def test_caizheng_has_one_table_in_yuan(caizheng):
    units = [p.text for p in caizheng.paragraphs if p.text.startswith("单位：")]
    assert units.count("单位：元") == 1 and units.count("单位：万元") == 8
    at = next(i for i, b in enumerate(caizheng.blocks) if getattr(b, "text", None) == "单位：元")
    table = caizheng.blocks[at + 1]
    assert isinstance(table, Table)
    last = [c.value for c in table.row_cells(table.n_rows - 1)]
    assert last == ["人员经费合计", "10,303,300.00", "公用经费合计", "965,100.00"]
    wan = Decimal(last[1].replace(",", "")) / 10000
    assert wan == CAIZHENG_2020.personnel_total


def test_caizheng_self_evaluation_form_national_layout(caizheng):
    form = caizheng.tables[0]
    assert (form.n_rows, form.n_cols) == (20, 9)
    header = [c.value for c in form.row_cells(9)]
    assert header == ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值",
                      "分值", "得分", "偏差原因分析及改进措施"]
    level1 = [(c.value, c.row, c.row_span) for c in form.cells if c.col == 1 and c.row >= 10]
    assert level1 == [("产出指标", 10, 5), ("效益指标", 15, 3), ("满意度指标", 18, 1)]
    funds = [c.value for c in form.row_cells(2)][2:]
    assert funds == ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    assert [c.value for c in form.row_cells(3)] == [
        "年度资金总额", "60.00", "60.00", "58.62", "10", "97.7%", "9.77"]
    targets = [form.cell_at(r, 4).value for r in range(10, 19)]
    assert {"≥90%", "≤5万元", "=100"} <= set(targets)
    scores = [Decimal(form.cell_at(r, 7).value) for r in range(10, 19)]
    assert sum(scores) + Decimal("9.77") == Decimal(form.cell_at(19, 7).value) == Decimal("96.77")
