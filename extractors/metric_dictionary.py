"""The metric dictionary as the extractors' checks use it: label and definition per key.

The one dictionary is ``models/metrics.py`` (label, definition, unit, group, and the key
families such as ``assets.equipment_over_{N}w``); add a new key there. This module keeps the
``METRICS`` mapping and ``label_of`` that ``checks.labels`` and older code read.
"""

from __future__ import annotations

from typing import NamedTuple

from models import metrics as dictionary


class Metric(NamedTuple):
    label: str  # the words the reports use
    definition: str  # what the figure is, for researchers


METRICS: dict[str, Metric] = {m.key: Metric(m.label, m.definition) for m in dictionary.METRICS}


def label_of(metric: str) -> str | None:
    """The Chinese label of a key (families included), else None."""
    entry = dictionary.lookup(metric)
    return entry.label if entry else None
