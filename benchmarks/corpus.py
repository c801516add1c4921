"""Generate a synthetic corpus of 决算 reports for benchmarks: many departments, many years.

    .venv/bin/python benchmarks/corpus.py OUTDIR --reports 40 [--pdf-share 1.0] [--seed 7]

Why from the fixture templates: a benchmark is only honest if its documents look like the
real thing (numbered headings, ruled tables with true merges, performance forms across
page breaks). So every report here is a fixture .docx (``tests/fixtures/seed/``,
``tests/fixtures/sources/``, ``tests/fixtures/reports/``) with its words rewritten in the
Word XML: another department and county, another year, every money figure scaled by one
factor (sums stay sums, up to rounding), and a varied length (project forms and work
paragraphs repeated). Formatting, merges and fonts are the template's own.

PDFs are made by LibreOffice, many files per ``soffice`` call (its start-up costs
seconds), with a private profile per call. Each report exists in exactly one format:
``OUTDIR/pdf/*.pdf`` and ``OUTDIR/docx/*.docx``; ``OUTDIR/manifest.json`` lists them.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from docx import Document as open_docx
from docx.oxml.ns import qn

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_DIRS = [ROOT / "tests/fixtures/seed", ROOT / "tests/fixtures/sources",
                 ROOT / "tests/fixtures/reports"]
TEMPLATE_DEPARTMENT = "盐边县人民政府办公室"
TEMPLATE_YEAR = 2020

COUNTIES = ["盐边县", "米易县", "仁和区", "东区", "西区", "宁南县", "会东县", "德昌县",
            "盐源县", "冕宁县", "喜德县", "越西县", "甘洛县", "美姑县", "雷波县"]
OFFICES = ["人民政府办公室", "财政局", "教育和体育局", "卫生健康局", "民政局", "司法局",
           "农业农村局", "自然资源局", "住房和城乡建设局", "交通运输局", "水利局", "商务局",
           "文化广播电视和旅游局", "人力资源和社会保障局", "生态环境局", "应急管理局",
           "审计局", "统计局", "市场监督管理局", "发展和改革局"]
YEARS = list(range(2016, 2025))

_MONEY = re.compile(r"(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+)\.(\d{1,2})(?![\d.]*%)")
_WAN_INT = re.compile(r"(?<![\d.])(\d+)(?=万元)")
_YEAR = re.compile(r"(?<!\d)(2019|2020)(?!\d)")


@dataclass(frozen=True)
class Plan:
    """What one synthetic report will be: who, which year, how scaled, how long."""

    department: str
    year: int
    factor: str  # Decimal as text, for the manifest
    extra_forms: int
    extra_paragraphs: int
    fmt: str  # "pdf" | "docx"
    template: str

    @property
    def stem(self) -> str:
        return f"{self.department}{self.year}年度部门决算"


def templates() -> list[Path]:
    """Fixture .docx reports of the 盐边 template family (more appear as fixtures grow)."""
    found = []
    for folder in TEMPLATE_DIRS:
        found += sorted(p for p in folder.glob("*.docx") if _is_template(p))
    if not found:
        raise SystemExit("no fixture .docx template found under tests/fixtures/")
    return found


def _is_template(path: Path) -> bool:
    """Only full reports of the seed's office and year: their words are what we rewrite."""
    text = "".join(t.text or "" for t in open_docx(str(path)).element.body.iter(qn("w:t")))
    return TEMPLATE_DEPARTMENT in text and f"{TEMPLATE_YEAR}年度" in text


def plan_corpus(n: int, pdf_share: float, seed: int) -> list[Plan]:
    """``n`` distinct (department, year) reports, reproducible from ``seed``."""
    rng = random.Random(seed)
    identities = [(c + o, y) for c in COUNTIES for o in OFFICES for y in YEARS]
    if n > len(identities):
        raise SystemExit(f"at most {len(identities)} distinct reports")
    rng.shuffle(identities)
    tmpl = [str(p.relative_to(ROOT)) for p in templates()]
    n_pdf = round(n * pdf_share)
    plans = []
    for i, (dept, year) in enumerate(identities[:n]):
        factor = Decimal(rng.randint(30, 400)) / 100
        plans.append(Plan(dept, year, str(factor), rng.choice([0, 0, 1, 2, 4]),
                          rng.choice([0, 1, 3]), "pdf" if i < n_pdf else "docx",
                          tmpl[i % len(tmpl)]))
    return plans


# -- rewriting one template ---------------------------------------------------------
def rewrite_text(text: str, plan: Plan) -> str:
    """One text run with another department, year and scaled money figures."""
    factor = Decimal(plan.factor)
    text = text.replace(TEMPLATE_DEPARTMENT, plan.department)
    text = text.replace("县政府办公室", plan.department)
    text = _YEAR.sub(lambda m: str(plan.year - (TEMPLATE_YEAR - int(m.group(1)))), text)
    text = _MONEY.sub(lambda m: _scaled(m, factor, 2), text)
    return _WAN_INT.sub(lambda m: _scaled_int(m.group(1), factor), text)


def _scaled(match: re.Match, factor: Decimal, places: int) -> str:
    whole = match.group(1)
    value = Decimal(whole.replace(",", "") + "." + match.group(2)) * factor
    value = value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return f"{value:,}" if "," in whole else str(value)


def _scaled_int(digits: str, factor: Decimal) -> str:
    if digits == "0":
        return digits
    return str((Decimal(digits) * factor).quantize(Decimal("0.01"), ROUND_HALF_UP))


def build_docx(plan: Plan, target: Path, rng: random.Random) -> Path:
    """Write the plan's report as .docx from its template."""
    doc = open_docx(str(ROOT / plan.template))
    body = doc.element.body
    _repeat_work_paragraphs(body, plan.extra_paragraphs, rng)
    _repeat_forms(body, plan.extra_forms, rng)
    for node in body.iter(qn("w:t")):
        if node.text:
            node.text = rewrite_text(node.text, plan)
    _add_title(body, plan)
    doc.core_properties.title = plan.stem
    target.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(target))
    return target


def _paragraph_text(node) -> str:
    return "".join(t.text or "" for t in node.iter(qn("w:t")))


def _repeat_work_paragraphs(body, count: int, rng: random.Random) -> None:
    """Repeat long narrative paragraphs: reports differ most in how much they write."""
    long_ones = [p for p in body.iterchildren(qn("w:p")) if len(_paragraph_text(p)) > 300]
    for _ in range(count if long_ones else 0):
        original = rng.choice(long_ones)
        original.addnext(copy.deepcopy(original))


def _repeat_forms(body, count: int, rng: random.Random) -> None:
    """Add performance forms (copies under another project name), each after its original."""
    forms = [t for t in body.iterchildren(qn("w:tbl")) if "项目名称" in _paragraph_text(t)]
    for k in range(count if forms else 0):
        original = rng.choice(forms)
        clone = copy.deepcopy(original)
        _rename_project(clone, f"（{'二三四五六七八九'[k % 8]}期）")
        spacer = copy.deepcopy(_empty_paragraph(body))
        original.addnext(clone)
        original.addnext(spacer)


def _rename_project(table, suffix: str) -> None:
    cells = list(table.iter(qn("w:tc")))
    for label, value in zip(cells, cells[1:], strict=False):
        if _paragraph_text(label).strip() == "项目名称":
            texts = list(value.iter(qn("w:t")))
            if texts:
                texts[-1].text = (texts[-1].text or "") + suffix
            return


def _empty_paragraph(body):
    for p in body.iterchildren(qn("w:p")):
        if not _paragraph_text(p).strip():
            return p
    from docx.oxml import OxmlElement

    return OxmlElement("w:p")


def _add_title(body, plan: Plan) -> None:
    """A title line as the first paragraph: real reports open with it."""
    first = next(body.iterchildren(qn("w:p")))
    title = copy.deepcopy(first)
    texts = list(title.iter(qn("w:t")))
    for extra in texts[1:]:
        extra.text = ""
    if texts:
        texts[0].text = f"{plan.department}{plan.year}年度部门决算"
    first.addprevious(title)


# -- LibreOffice in batches -----------------------------------------------------------
def convert_batch(sources: list[Path], outdir: Path, timeout: int = 1800) -> None:
    """Convert many .docx to PDF in one soffice run (start-up is the expensive part)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is needed to make the PDFs of the corpus")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="juesuan_bench_lo_") as tmp:
        profile = (Path(tmp) / "profile").as_uri()
        cmd = [soffice, f"-env:UserInstallation={profile}", "--headless",
               "--convert-to", "pdf", "--outdir", str(outdir), *map(str, sources)]
        subprocess.run(cmd, check=True, capture_output=True, timeout=timeout)
    missing = [s.name for s in sources if not (outdir / f"{s.stem}.pdf").exists()]
    if missing:
        raise RuntimeError(f"soffice produced no PDF for {missing[:3]} …")


def generate(outdir: Path, n: int, pdf_share: float = 1.0, seed: int = 7,
             batch: int = 50) -> dict:
    """Make the corpus (or reuse it when the manifest says it is the same one)."""
    manifest_path = outdir / "manifest.json"
    wanted = {"reports": n, "pdf_share": pdf_share, "seed": seed}
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text())
        if manifest.get("params") == wanted:
            return manifest
    if outdir.exists():
        shutil.rmtree(outdir)
    started = time.monotonic()
    rng = random.Random(seed)
    plans = plan_corpus(n, pdf_share, seed)
    staging = outdir / "_staging"
    for plan in plans:
        folder = staging if plan.fmt == "pdf" else outdir / "docx"
        build_docx(plan, folder / f"{plan.stem}.docx", rng)
    pdf_sources = sorted(staging.glob("*.docx")) if staging.exists() else []
    for k in range(0, len(pdf_sources), batch):
        convert_batch(pdf_sources[k:k + batch], outdir / "pdf")
    shutil.rmtree(staging, ignore_errors=True)
    manifest = {"params": wanted, "seconds": round(time.monotonic() - started, 1),
                "reports": [asdict(p) for p in plans]}
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
    return manifest


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--reports", type=int, default=40)
    parser.add_argument("--pdf-share", type=float, default=1.0,
                        help="share of reports made as PDF (the rest stay .docx)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    manifest = generate(args.outdir, args.reports, args.pdf_share, args.seed)
    print(f"{len(manifest['reports'])} reports in {args.outdir} ({manifest['seconds']} s)",
          file=sys.stderr)


if __name__ == "__main__":
    main()
