"""The statement check ``juesuan sql`` applies on PostgreSQL before the server sees it.

A read-only transaction does not stop a superuser's ``COPY … TO PROGRAM``, ``pg_read_file``
or ``pg_terminate_backend``; the reader role (``db/reader_role.py``) does, but a role set
with ``SET LOCAL ROLE`` can be left again from inside a statement (``set_config('role', …)``,
a ``DO`` block's ``RESET ROLE``). So the statement is parsed (sqlglot) and admitted only
when it is one query — SELECT, WITH, VALUES, TABLE, or EXPLAIN of one — with no
data-changing clause anywhere in its tree and no call of a server-side function that reads
or writes files, signals backends, changes settings or runs SQL text of its own.
Both layers hold on their own: a function this list misses still runs as the reader role.
"""

from __future__ import annotations

import re

READ_ONLY = "juesuan sql is read-only"

# Exact names and name prefixes (lower case) of functions never admitted.
DENIED_FUNCTIONS = frozenset({
    "set_config", "pg_reload_conf", "pg_rotate_logfile", "pg_terminate_backend", "pg_cancel_backend",
    "pg_promote", "pg_switch_wal", "pg_stat_file", "pg_notify", "pg_current_logfile",
    "pg_import_system_collations", "pg_log_backend_memory_contexts", "ts_stat", "ts_rewrite",
    "pg_stat_reset", "txid_current", "pg_current_xact_id", "nextval", "setval",
})
DENIED_PREFIXES = (
    "pg_read_", "pg_ls_", "pg_file_", "pg_logdir", "lo_", "dblink", "pg_advisory", "pg_try_advisory",
    "pg_create_", "pg_drop_replication", "pg_replication_", "pg_logical_", "pg_backup_",
    "pg_stat_reset", "pg_wal_replay", "query_to_xml", "cursor_to_xml", "database_to_xml",
    "schema_to_xml", "table_to_xml",
)
# EXPLAIN and its options, which sqlglot reads as an opaque command: the query after them
# is what gets checked.
_EXPLAIN = re.compile(
    r"^\s*EXPLAIN\b(?:\s*\([^()]*\)|\s+(?:ANALYZE|ANALYSE|VERBOSE|COSTS|BUFFERS|SETTINGS|WAL|TIMING|"
    r"SUMMARY|GENERIC_PLAN)\b(?:\s+(?:ON|OFF|TRUE|FALSE))?|\s+FORMAT\s+\w+)*",
    re.IGNORECASE,
)


# The same names found anywhere in the text, quoted or not, inside strings too: a parser
# can disagree with the server about where a string or comment ends, so the text is
# checked as well as the tree (refusing a literal that merely names one is acceptable).
_DENIED_TEXT = re.compile(
    r"(?<![a-z0-9_$])(?:" + "|".join(sorted(DENIED_FUNCTIONS)) + r")(?![a-z0-9_$])"
    r"|(?<![a-z0-9_$])(?:" + "|".join(DENIED_PREFIXES) + r")[a-z0-9_]*",
    re.IGNORECASE,
)
# U&"\0073et_config": an identifier spelled in Unicode escapes the parser does not decode.
_UNICODE_ESCAPE = re.compile(r"\bU&['\"]", re.IGNORECASE)


class StatementRefused(PermissionError):
    """The statement is not one plain query, or calls a denied function."""


class StatementUnreadable(ValueError):
    """The statement could not be parsed (so it cannot be checked)."""


def check_statement(statement: str) -> None:
    """Raise ``StatementRefused`` unless ``statement`` is one admitted query."""
    import logging

    import sqlglot
    from sqlglot.errors import ParseError, TokenError

    logging.getLogger("sqlglot").setLevel(logging.ERROR)  # its "falling back to Command" is ours to report

    _check_text(statement)
    body = _EXPLAIN.sub("", statement, count=1)
    try:
        trees = [tree for tree in sqlglot.parse(body, read="postgres") if tree is not None]
    except (ParseError, TokenError) as err:
        message = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise StatementUnreadable(f"cannot read the statement to check it: {message}") from None
    if len(trees) != 1:
        raise StatementRefused(f"refused: {READ_ONLY} and runs exactly one statement ({len(trees)} given)")
    _check_tree(trees[0])


def _check_text(statement: str) -> None:
    if _UNICODE_ESCAPE.search(statement):
        raise StatementRefused(f"refused: {READ_ONLY} and does not admit U& (Unicode-escaped) names or strings")
    found = _DENIED_TEXT.search(statement)
    if found:
        raise StatementRefused(_denied(found.group(0).lower()))


def _denied(name: str) -> str:
    return (f"refused: {READ_ONLY} and {name}() reaches outside juesuan's tables "
            "(server files, other sessions, settings or SQL text of its own)")


def _check_tree(tree) -> None:  # tree: a sqlglot expression
    from sqlglot import exp

    if not isinstance(tree, exp.Query | exp.Values):
        raise StatementRefused(
            f"refused: {READ_ONLY}: it runs one SELECT, WITH, VALUES, TABLE or EXPLAIN statement "
            f"(this one is {_kind(tree)})")
    changing = (exp.Insert, exp.Update, exp.Delete, exp.Merge, exp.Create, exp.Drop, exp.Alter,
                exp.Command, exp.Copy, exp.Set, exp.Into, exp.Lock, exp.Transaction, exp.Commit,
                exp.Rollback)
    for node in tree.walk():
        if isinstance(node, changing):
            raise StatementRefused(f"refused: {READ_ONLY} and this statement contains {_kind(node)}")
        if isinstance(node, exp.Func):
            name = _function_name(node)
            if name in DENIED_FUNCTIONS or name.startswith(DENIED_PREFIXES):
                raise StatementRefused(_denied(name))


def _function_name(node) -> str:  # node: a sqlglot expression
    from sqlglot import exp

    if isinstance(node, exp.Anonymous):
        return str(node.name).lower()
    return node.sql_name().lower()


def _kind(node) -> str:  # node: a sqlglot expression
    from sqlglot import exp

    if isinstance(node, exp.Command):
        return str(node.this).split()[0].upper() if node.this else "a command"
    if isinstance(node, exp.Lock):
        return "FOR UPDATE/SHARE"
    if isinstance(node, exp.Into):
        return "SELECT INTO"
    return type(node).__name__.upper()
