"""The metric dictionary: every key the extractors can emit has an entry, and
docs/metrics.md is what the code generates (regenerate: python -m extractors.metric_sources)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from cli.main import app
from extractors.metric_sources import dictionary, emitted_keys, markdown
from extractors.readers import read_document
from extractors.report import extract_report
from models.metrics import METRICS, lookup

ROOT = Path(__file__).resolve().parent.parent


def test_every_key_the_extractors_can_emit_has_an_entry():
    missing = sorted(k for k in emitted_keys() if lookup(k) is None)
    assert missing == [], f"add these keys to models/metrics.py: {missing}"


def test_every_key_the_seed_gives_has_an_entry():
    """Keys built at run time (families) too: extract the seed and look each one up."""
    for name in ("seed_yanbian_2020.txt", "seed/yanbian_2020.docx"):
        record = extract_report(read_document(ROOT / "tests" / "fixtures" / name))
        keys = {f.metric for f in record.facts}
        assert "income.total" in keys
        assert [k for k in keys if lookup(k) is None] == []


def test_entries_are_complete_and_unique():
    keys = [m.key for m in METRICS]
    assert len(keys) == len(set(keys))
    for metric in METRICS:
        assert metric.label and metric.definition and metric.unit and metric.group, metric


def test_families_resolve():
    assert lookup("assets.equipment_over_50w").label == "单价50万元以上设备"
    assert lookup("assets.equipment_over_50w_bought").label == "拟购置单价50万元以上设备"
    amount = lookup("performance.targets_set_amount")
    assert amount.unit == "万元" and amount.label == "绩效目标覆盖金额"
    other = lookup("performance.evaluated_amount")
    assert other.unit == "万元" and other.label == "绩效评价项目金额"
    assert lookup("no.such_key") is None


def test_docs_metrics_md_is_current():
    assert (ROOT / "docs" / "metrics.md").read_text(encoding="utf-8") == markdown(), (
        "docs/metrics.md is stale: python -m extractors.metric_sources > docs/metrics.md")


def test_the_dictionary_says_where_each_key_is_read():
    rows = {r["key"]: r for r in dictionary()}
    assert any("本年收入合计" in s for s in rows["income.total"]["filled_by"])
    assert any(s.startswith("three_public:") for s in rows["three_public.reception"]["filled_by"])


def test_metrics_command_lists_the_dictionary():
    result = CliRunner().invoke(app, ["metrics", "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("key,label,unit,group,definition")
    assert any(line.startswith("three_public.vehicle_fleet,公务用车保有量,辆") for line in lines)
    one = CliRunner().invoke(app, ["metrics", "three_public", "--format", "json"])
    assert one.exit_code == 0 and "three_public.total" in one.output and "income.total" not in one.output
