"""Imported once by the worker server before it forks any worker (``forkserver`` preload):
heavy imports and the shipped code table are loaded here, so each per-file worker starts
warm instead of spending half a second re-reading them."""

from __future__ import annotations

import ingest.worker  # noqa: F401 - pdfplumber, python-docx, the extractors
from extractors.report import warm_up

warm_up()
