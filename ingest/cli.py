"""The ``juesuan`` command line (typer).

Each command is a thin adapter: parse options, call the library, render. Data goes to
stdout; progress and messages go to stderr. Exit codes: 0 success, 1 when any input
failed, 2 on usage errors.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from extractors.errors import ReadError
from extractors.readers import read_document

app = typer.Typer(
    name="juesuan",
    help="Turn Chinese government fiscal disclosures (决算/预算, .pdf/.docx) into a research database.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"juesuan {version('juesuan')}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """juesuan: every figure of 部门决算/部门预算 reports, in one database, traceable to its page."""


@app.command("read")
def read_cmd(
    path: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="A .pdf, .docx or .txt file")],
) -> None:
    """Print the document model of one file as JSON: its blocks in order, with provenance.

    Example: juesuan read report.pdf | jq '.blocks[] | select(.kind=="table")'
    """
    try:
        document = read_document(path)
    except ReadError as err:
        typer.echo(f"{path}: {err}", err=True)
        raise typer.Exit(1) from None
    typer.echo(json.dumps(document_to_json(document), ensure_ascii=False, indent=1))


def document_to_json(document) -> dict:
    """The document model as plain JSON (used by ``read`` and by tests)."""
    blocks = []
    for block in document.blocks:
        if block.kind == "paragraph":
            blocks.append({"kind": "paragraph", "block": block.block, "page": block.page,
                           "line": block.line, "text": block.text})
        else:
            blocks.append({
                "kind": "table", "block": block.block, "page": block.page,
                "rows": block.n_rows, "cols": block.n_cols,
                "cells": [{"row": c.row, "col": c.col, "row_span": c.row_span,
                           "col_span": c.col_span, "text": c.text} for c in block.cells],
            })
    return {
        "path": document.path, "format": str(document.format), "pages": document.pages,
        "issues": [{"page": i.page, "problem": i.problem, "detail": i.detail} for i in document.issues],
        "blocks": blocks,
    }


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
