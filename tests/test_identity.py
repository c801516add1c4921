"""Report identity: department, region, year, kind and scope, each with where it was found."""

from __future__ import annotations

import pytest
from conftest import SEED_TXT

from extractors.document import Document, Format, Paragraph, build_table
from extractors.identity import extract_identity, region_of
from extractors.readers import read_document


def _doc(*texts: str, tables=(), path: str = "") -> Document:
    blocks = [Paragraph(text=t, page=1) for t in texts] + list(tables)
    return Document(blocks=blocks, format=Format.TXT, path=path)


def test_seed_identity_from_text_not_filename():
    identity = extract_identity(read_document(SEED_TXT), filename="whatever_2019_预算.txt")
    assert identity.value("department") == "盐边县人民政府办公室"
    assert identity.department.found_in in ("heading", "text", "table")
    assert identity.value("region") == "盐边县"  # the name's own prefix; no province invented
    assert identity.value("fiscal_year") == 2020 and identity.fiscal_year.found_in == "heading"
    assert identity.value("kind") == "final" and identity.value("scope") == "department"
    assert identity.title is None  # the seed starts with 第一部分 部门概况


def test_title_with_year_on_its_own_line():
    identity = extract_identity(_doc("上海市普陀区财政局", "2024年度部门决算", "目录", "第一部分上海市普陀区财政局概况"))
    assert identity.value("department") == "上海市普陀区财政局"
    assert identity.department.found_in == "title"
    assert identity.value("region") == "上海市普陀区"
    assert (identity.value("fiscal_year"), identity.value("kind"), identity.value("scope")) == (2024, "final", "department")
    assert identity.title == "上海市普陀区财政局 2024年度部门决算"


def test_budget_title_names_region_then_department():
    identity = extract_identity(_doc("上海市普陀区2026年区级部门预算", "预算主管部门：上海市普陀区司法局"))
    assert identity.value("department") == "上海市普陀区司法局"
    assert identity.value("region") == "上海市普陀区" and identity.region.found_in == "title"
    assert (identity.value("fiscal_year"), identity.value("kind")) == (2026, "budget")


def test_unit_scope():
    identity = extract_identity(_doc("攀枝花市第三中学校", "2021年度单位决算"))
    assert identity.value("scope") == "unit" and identity.value("kind") == "final"
    assert identity.value("fiscal_year") == 2021


def test_table_label_cell_gives_department():
    table = build_table([[("预算单位", 1, 1), ("盐边县财政局", 1, 1)]], block=1)
    identity = extract_identity(_doc("第一部分部门概况", tables=[table]))
    assert identity.value("department") == "盐边县财政局" and identity.department.found_in == "table"
    assert identity.department.source.row == 0 and identity.department.source.col == 1


def test_filename_is_the_last_resort():
    identity = extract_identity(_doc("一、主要职能"), filename="上海市普陀区人民政府万里街道办事处24年预算.pdf")
    assert identity.value("fiscal_year") == 2024 and identity.fiscal_year.found_in == "filename"
    assert identity.value("kind") == "budget" and identity.kind.found_in == "filename"
    assert identity.value("department") == "上海市普陀区人民政府万里街道办事处"


def test_nothing_stated_gives_none():
    identity = extract_identity(_doc("一、主要职能", "负责本部门日常工作。"))
    assert identity.department is None and identity.fiscal_year is None and identity.kind is None


@pytest.mark.parametrize(
    ("name", "region"),
    [("上海市普陀区财政局", "上海市普陀区"), ("盐边县人民政府办公室", "盐边县"), ("中共上海市普陀区委社会工作部", "上海市普陀区"),
     ("四川省攀枝花市盐边县财政局", "四川省攀枝花市盐边县"), ("财政局", None)],
)
def test_region_of(name, region):
    assert region_of(name) == region


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("上海市普陀区财政局2024年度部门决算.pdf", ("上海市普陀区财政局", "上海市普陀区", 2024, "final")),
        ("上海市普陀区人民政府万里街道办事处24年预算.pdf", ("上海市普陀区人民政府万里街道办事处", "上海市普陀区", 2024, "budget")),
        ("上海市普陀区人民政府万里街道办事处25年预算.pdf", ("上海市普陀区人民政府万里街道办事处", "上海市普陀区", 2025, "budget")),
        ("上海市普陀区人民政府办公室25年预算.pdf", ("上海市普陀区人民政府办公室", "上海市普陀区", 2025, "budget")),
        ("上海市普陀区司法局2026年部门预算(dept_budget).pdf", ("上海市普陀区司法局", "上海市普陀区", 2026, "budget")),
    ],
)
def test_corpus_identity(corpus_dir, filename, expected):
    doc = read_document(corpus_dir / filename)
    identity = extract_identity(doc, filename)
    got = tuple(identity.value(k) for k in ("department", "region", "fiscal_year", "kind"))
    assert got == expected
    assert identity.fiscal_year.found_in == "title" and identity.fiscal_year.source.page == 1


@pytest.mark.parametrize(
    ("title", "department", "kind"),
    [("2020年度盐边县人民政府办公室部门决算", "盐边县人民政府办公室", "final"),
     ("盐边县财政局关于2021年度部门预算的说明", "盐边县财政局", "budget"),
     ("中共盐边县委办公室2021年部门决算", "中共盐边县委办公室", "final")],
)
def test_title_orders(title, department, kind):
    identity = extract_identity(_doc(title, "第一部分部门概况"))
    assert (identity.value("department"), identity.value("kind"), identity.department.found_in) == (department, kind, "title")
    assert identity.value("fiscal_year") in (2020, 2021) and identity.value("scope") == "department"


def test_department_named_before_its_report_in_text():
    identity = extract_identity(_doc("第一部分部门概况", "盐边县财政局部门决算由局机关和下属事业单位县财政投资评审中心的决算组成。",
                                     "纳入县政府办公室部门决算编制范围的单位包括：县政府网站事务服务中心。"))
    assert identity.value("department") == "盐边县财政局" and identity.department.found_in == "text"
    alone = extract_identity(_doc("纳入县政府办公室部门决算编制范围的单位包括：县政府网站事务服务中心。"))
    assert alone.department is None  # "纳入…" is a clause, not a department's name


def test_a_short_line_leading_into_a_list_names_no_department():
    """"纳入X2026年部门预算编制范围的二级预算单位包括：" is short and has no ，。； but is a
    sentence: the department is the cover's, not "纳入X"."""
    doc = _doc("2026年烟台市退役军人事务局部门预算",
               "纳入烟台市退役军人事务局2026年部门预算编制范围的二级预算单位包括：")
    assert extract_identity(doc).department.value == "烟台市退役军人事务局"
    body = _doc("纳入烟台市退役军人事务局2026年部门预算编制范围的二级预算单位包括：")
    assert extract_identity(body).department is None


def test_central_names_opening_with_quan_guo_are_names():
    doc = _doc("全国人民代表大会常务委员会办公厅2026年部门预算")
    assert extract_identity(doc).department.value == "全国人民代表大会常务委员会办公厅"
