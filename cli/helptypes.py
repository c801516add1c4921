"""Plain type names in ``--help`` ("PATH", "INTEGER", none for a flag), not "<list[Path]>".

Typer 0.2x prints each parameter's Python annotation ("<bool>" beside every flag,
"<list[Path]>", "<str>"), which reads as a bug to a user who has never seen Python. This
wraps the one method that formats it, keeping Typer's own choices listing; if a future
Typer renames that method, help falls back to Typer's own wording.
"""

from __future__ import annotations

import regex

_PLAIN = {"str": "TEXT", "int": "INTEGER", "float": "FLOAT", "bool": "", "Path": "PATH",
          "path": "PATH", "file": "FILE", "directory": "DIRECTORY", "datetime": "DATETIME"}
_LIST = regex.compile(r"^list\[(.*)\]$")


def plain_type(label: str) -> str:
    """``<list[Path]>`` → ``PATH``, ``<int>`` → ``INTEGER``, ``<bool>`` → ``""``."""
    inner = label[1:-1] if label.startswith("<") and label.endswith(">") else label
    listed = _LIST.match(inner)
    if listed:
        inner = listed.group(1)
    if "|" in inner:
        return f"[{inner}]"
    if inner.endswith(" range"):
        inner = inner.removesuffix(" range")
    return _PLAIN.get(inner, inner.upper())


def install() -> None:
    """Make every Typer parameter's help show plain type names (idempotent)."""
    try:
        from typer.core import TyperOption, _TyperParameter
    except ImportError:  # another Typer layout: leave its wording alone
        return
    original = getattr(_TyperParameter, "display_type", None)
    if original is None or getattr(original, "_juesuan_plain", False):
        return

    def display_type(self, ctx):  # Typer's own signature
        if isinstance(self, TyperOption) and getattr(self, "is_flag", False):
            return ""
        return plain_type(original(self, ctx))

    display_type._juesuan_plain = True
    _TyperParameter.display_type = display_type
