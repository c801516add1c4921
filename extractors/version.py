"""The extractor version stored with every report (``extractors.report`` re-exports it).

Bump it when extraction changes what it returns, so a re-ingest can tell old records from
new ones. A module of its own so that the ingest parent, which only stores, names the
version without importing the extractors (the workers' fork server has them loaded)."""

EXTRACTOR_VERSION = "0.2.0"
