"""``juesuan datasette-metadata``: write the metadata.json that makes ``datasette`` explain the
database (a thin adapter over ``db.datasette``). Registered in ``cli/main.py``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from cli.options import DbOption, fail, messages, open_db


def datasette_metadata_cmd(
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")] = None,
    db: DbOption = None,
) -> None:
    """Datasette metadata: descriptions of every view and column (units included) and facets.

    Example: juesuan datasette-metadata --db juesuan.db -o metadata.json && datasette juesuan.db -m metadata.json
    """
    from db.datasette import build_metadata, database_name

    engine = open_db(db)
    name = database_name(engine.url.database or "juesuan") if engine.dialect.name == "sqlite" else "juesuan"
    text = json.dumps(build_metadata(engine, name), ensure_ascii=False, indent=1) + "\n"
    if output is None:
        typer.echo(text, nl=False)
        return
    from db.files import write_text

    try:
        write_text(output, text, encoding="utf-8")
    except OSError as err:  # a missing folder, a full disk: what the file held is kept
        raise fail(f"cannot write {output}: {err.strerror or err}; nothing was replaced") from None
    messages.print(f"wrote {output}", markup=False, highlight=False, soft_wrap=True)
