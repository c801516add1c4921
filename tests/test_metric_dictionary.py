"""Every metric key the narrative extractor can produce has a Chinese label (and, beyond
SPEC.md's table, a definition)."""

from __future__ import annotations

import regex

from extractors.checks.labels import METRIC_LABELS
from extractors.metric_dictionary import METRICS
from extractors.narrative import labels


def _narrative_keys() -> set[str]:
    keys = {metric for _, metric in labels.MONEY_LABELS}
    keys |= {metric for _, _, metric in labels.COUNT_LABELS}
    keys |= {metric for _, metric in labels.PERFORMANCE_LABELS}
    keys |= {k for _, inc, exp in labels._NIL_PARTS for k in (inc, exp) if k}
    keys |= {f"{m}_amount" for m in ("performance.targets_set",)}
    return keys


def test_every_narrative_key_is_labelled():
    missing = sorted(k for k in _narrative_keys() if k not in METRIC_LABELS)
    assert not missing, missing


def test_defined_keys_have_label_and_definition_in_chinese_words():
    for key, metric in METRICS.items():
        assert regex.search(r"\p{Han}", metric.label), key
        assert len(metric.definition) > 10, key
