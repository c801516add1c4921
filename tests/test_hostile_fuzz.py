"""Hypothesis fuzzing of the text parsers: report text is hostile, parsers must be total.

Every number parser promises "None for what is not a number, never an exception"; the
text reader and format detection promise a Document or a one-line ``ReadError``. Random
text (mixed with the characters reports really contain: full-width digits, CJK, dashes,
brackets, % and units) checks those promises, and round-trips check that a number
printed any of the ways reports print it comes back as the same Decimal. The whole
extraction runs over mangled seed text, and the PDF and .docx readers over randomly
damaged files: a Document, a ReadError or "no report identity", never anything else.
"""

from __future__ import annotations

from decimal import Decimal

import regex
from conftest import SEED_TXT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.detect import detect_format
from extractors.document import Format, Table
from extractors.errors import ReadError
from extractors.numbers import (
    MONEY_UNITS,
    find_unit_label,
    is_empty_mark,
    parse_amount,
    parse_decimal,
    parse_percent,
    parse_prose_number,
    to_wan,
)
from extractors.readers.txt import parse_txt
from extractors.report import NoIdentity, extract_report
from extractors.textnorm import flatten_lines, normalize_cell_text, normalize_text

FUZZ = settings(max_examples=300, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])

REPORT_ALPHABET = st.sampled_from(
    list("0123456789.,-+%()（）：:万元亿千单位合计类款项—－／ \t\n\u3000０１２３４５６７８９．％，")
    + ["行政运行", "收入", "支出", "决算", "2020年", "增长", "下降", "⼀", "\u2ec8"]
)
report_text = st.lists(REPORT_ALPHABET, max_size=60).map("".join)
any_text = st.one_of(st.text(max_size=200), report_text)

amounts = st.decimals(min_value=Decimal("-99999999.99"), max_value=Decimal("99999999.99"),
                      places=2, allow_nan=False, allow_infinity=False)


@FUZZ
@given(any_text)
def test_number_parsers_never_raise(text):
    value = parse_decimal(text)
    assert value is None or isinstance(value, Decimal)
    assert isinstance(is_empty_mark(text), bool)
    unit = find_unit_label(text)
    assert unit in (None, "元", "万元", "亿元", "千元")
    if is_empty_mark(text):
        assert value is None  # a dash is "not stated", never 0


@FUZZ
@given(amounts, st.booleans(), st.booleans(), st.booleans())
def test_printed_amounts_round_trip(value, thousands, full_width, brackets):
    """However a table prints a figure, it parses back to the same Decimal."""
    text = f"{abs(value):,}" if thousands else f"{abs(value)}"
    if full_width:
        text = text.translate(str.maketrans("0123456789.,", "０１２３４５６７８９．，"))
    if value < 0:
        text = f"（{text}）" if brackets else f"-{text}"
    assert parse_decimal(text) == value


@FUZZ
@given(amounts, st.sampled_from(["元", "万元", "亿元", "千元", "万"]))
def test_unit_conversion_is_exact(value, unit):
    wan = to_wan(value, unit)
    factor = {"元": Decimal("0.0001"), "千元": Decimal("0.1"), "万元": 1, "万": 1,
              "亿元": Decimal(10000)}[unit]
    assert wan == value * factor
    assert "E" not in str(wan).upper()  # never exponent notation in storage or export


@FUZZ
@given(any_text, st.text(max_size=5))
def test_unknown_units_give_none_not_a_guess(text, unit):
    if unit.strip() not in ("元", "万元", "万", "亿元", "亿", "千元", ""):
        assert to_wan(Decimal("1.5"), unit) is None
    assert to_wan(None, unit) is None


CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)


@FUZZ
@given(any_text)
def test_normalisation_is_idempotent_and_drops_cjk_spaces(text):
    once = normalize_text(text)
    assert normalize_text(once) == once
    for i, ch in enumerate(once):
        if ch == " ":
            assert once[i - 1].isascii() and once[i + 1].isascii()
            assert once[i - 1].isalnum() and once[i + 1].isalnum()
    cell = normalize_cell_text(text)
    assert "\n\n" not in cell
    assert "\n" not in flatten_lines(cell)


@FUZZ
@given(st.lists(CJK, min_size=2, max_size=20), st.lists(st.sampled_from([" ", "\u3000", "\t", "  "]),
                                                        min_size=1, max_size=19))
def test_spaces_between_han_characters_vanish(chars, gaps):
    spaced = "".join(c + (gaps[i % len(gaps)]) for i, c in enumerate(chars))
    assert normalize_text(spaced) == "".join(chars)


# lines like the flattened-Word .txt: paragraphs, tab-prefixed cells, blank lines
txt_line = st.one_of(
    report_text,
    report_text.map(lambda s: "\t" + s),
    st.just(""),
    st.just("\t"),
    st.just("项目绩效目标完成情况表"),
    st.just("\t项目绩效目标完成情况表（2020年度）"),
)


@FUZZ
@given(st.lists(txt_line, max_size=80))
def test_txt_parser_builds_consistent_grids_from_any_text(lines):
    doc = parse_txt("\n".join(lines))
    assert [b.block for b in doc.blocks] == list(range(len(doc.blocks)))
    for table in doc.tables:
        _assert_grid_is_consistent(table)


def _assert_grid_is_consistent(table: Table) -> None:
    """Every grid position covered exactly once, no span past the edges."""
    seen: set[tuple[int, int]] = set()
    for cell in table.cells:
        assert cell.row_span >= 1 and cell.col_span >= 1
        assert cell.last_row < table.n_rows and cell.last_col < table.n_cols
        for r in range(cell.row, cell.last_row + 1):
            for c in range(cell.col, cell.last_col + 1):
                assert (r, c) not in seen
                seen.add((r, c))
    assert len(table.grid()) == table.n_rows


@FUZZ
@given(st.binary(max_size=3000))
def test_format_detection_is_total(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "file.pdf"
    path.write_bytes(data)
    try:
        fmt = detect_format(path)
    except ReadError as err:
        assert err.reason and "\n" not in err.reason
        return
    assert fmt in tuple(Format)


# -- prose numbers --------------------------------------------------------------------
@FUZZ
@given(any_text)
def test_prose_number_parsers_never_raise(text):
    assert parse_prose_number(text) is None or isinstance(parse_prose_number(text), Decimal)
    amount = parse_amount(text)
    assert amount is None or (isinstance(amount[0], Decimal) and amount[2] in MONEY_UNITS)
    percent = parse_percent(text)
    assert percent is None or isinstance(percent, Decimal)


positive = st.decimals(min_value=Decimal("0"), max_value=Decimal("99999999.99"), places=2,
                       allow_nan=False, allow_infinity=False)


@FUZZ
@given(positive, st.sampled_from(["万元", "元", "亿元"]), st.booleans())
def test_prose_amounts_round_trip(value, unit, thousands):
    printed = f"{value:,}" if thousands else f"{value}"
    wan, printed_value, printed_unit = parse_amount(printed + unit)
    assert printed_value == printed and printed_unit == unit
    assert wan == to_wan(value, unit)


@FUZZ
@given(positive, st.sampled_from(["增长", "增加", "上升", "下降", "减少", "降低"]))
def test_percent_sign_words(value, word):
    sign = -1 if word in ("下降", "减少", "降低") else 1
    assert parse_percent(f"{word}{value}%") == sign * value


# -- the whole extraction over mangled report text -----------------------------------
SEED_LINES = [line for line in SEED_TXT.read_text(encoding="utf-8").splitlines()]
_NUMBER = regex.compile(r"\d+(?:\.\d+)?")


@st.composite
def mangled_report(draw) -> str:
    """Real seed lines, some cut short, some with their figures replaced, some dropped."""
    start = draw(st.integers(0, max(0, len(SEED_LINES) - 40)))
    lines = SEED_LINES[start:start + draw(st.integers(1, 120))]
    out = []
    for line in lines:
        action = draw(st.sampled_from(["keep", "keep", "keep", "cut", "numbers", "drop", "noise"]))
        if action == "cut" and line:
            line = line[: draw(st.integers(0, len(line)))]
        elif action == "numbers":
            line = _NUMBER.sub(lambda m: draw(st.sampled_from(
                ["0", "-5", "１２.５", "1,234.56", "99999999999999", "0.000", "", "—"])), line)
        elif action == "drop":
            continue
        elif action == "noise":
            line = draw(report_text)
        out.append(line)
    title = draw(st.sampled_from(["", "盐边县人民政府办公室2020年度部门决算", "2020年部门预算"]))
    return "\n".join([title, *out])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mangled_report())
def test_extraction_never_crashes_on_mangled_reports(text):
    """Any text gives a record (or "no report identity"); figures stay Decimal or None."""
    document = parse_txt(text, path="mangled.txt")
    try:
        record = extract_report(document, filename="mangled.txt")
    except NoIdentity:
        return
    for fact in record.facts:
        assert fact.value is None or isinstance(fact.value, Decimal)
        assert fact.source.block is not None
    for item in record.line_items:
        assert item.value is None or isinstance(item.value, Decimal)
        assert item.source.block is not None
    for project in record.projects:
        assert project.source.block is not None


# -- damaged files: any mutation of a real file is read or refused with a ReadError ---
HOSTILE = SEED_TXT.parent / "hostile"
SMALL_PDF = HOSTILE / "not_a_report.pdf"  # one page of real Chinese text, 1.3 kB
SMALL_DOCX = SEED_TXT.parent / "seed" / "yanbian_2020.docx"

mutation = st.tuples(st.floats(0, 1, exclude_max=True), st.sampled_from(["set", "cut", "insert"]),
                     st.binary(min_size=1, max_size=40))


def mutate(data: bytes, mutations: list[tuple[float, str, bytes]]) -> bytes:
    out = bytearray(data)
    for where, op, payload in mutations:
        pos = int(where * len(out))
        if op == "set":
            out[pos:pos + len(payload)] = payload
        elif op == "cut":
            del out[pos:pos + len(payload) * 5]
        else:
            out[pos:pos] = payload
    return bytes(out)


def read_or_refuse(path) -> None:
    """The reader's promise: a Document, or a ReadError with a one-line reason."""
    from extractors.readers import read_document

    try:
        read_document(path)
    except ReadError as err:
        assert err.reason and "\n" not in err.reason


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.lists(mutation, min_size=1, max_size=8))
def test_damaged_pdf_is_read_or_refused(tmp_path, mutations):
    path = tmp_path / "damaged.pdf"
    path.write_bytes(mutate(SMALL_PDF.read_bytes(), mutations))
    read_or_refuse(path)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.lists(mutation, min_size=1, max_size=5))
def test_damaged_docx_xml_is_read_or_refused(tmp_path, mutations):
    """Mutations inside word/document.xml (the zip stays valid, the XML does not)."""
    import zipfile

    path = tmp_path / "damaged.docx"
    with zipfile.ZipFile(SMALL_DOCX) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = mutate(data, mutations)
            target.writestr(item, data)
    read_or_refuse(path)
