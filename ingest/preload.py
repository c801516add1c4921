"""Imported once by the worker server before it forks any worker (``forkserver`` preload):
heavy imports and the shipped code table are loaded here, so each per-file worker starts
warm instead of spending half a second re-reading them."""

from __future__ import annotations

import extractors.readers.docx  # noqa: F401 - python-docx/lxml: the readers import lazily,
import extractors.readers.pdf  # noqa: F401 - pdfplumber, pypdfium2: so without these two
import ingest.worker  # noqa: F401 - every worker re-imported ~170 modules (≈0.1 s CPU a file)
from extractors.report import warm_up

warm_up()
