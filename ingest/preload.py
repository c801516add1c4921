"""Imported once by the worker server before it forks any worker (``forkserver`` preload):
heavy imports and the shipped code table are loaded here, so each per-file worker starts
warm instead of spending half a second re-reading them."""

from __future__ import annotations

# python-docx/lxml and pdfplumber/pypdfium2: the readers import them lazily, so without these
# imports every worker re-imported ~170 modules (≈0.1 s CPU a file). Imported for that alone.
import extractors.readers.docx
import extractors.readers.pdf  # noqa: F401 - imported to be loaded, not used
import ingest.worker  # noqa: F401 - imported to be loaded, not used
from extractors.report import warm_up

warm_up()
