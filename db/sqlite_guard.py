"""What a researcher's statement may do on SQLite, checked by SQLite itself as it compiles.

The connection is already ``mode=ro`` with ``query_only`` and no ATTACH (``db/engine.py``);
the authorizer installed here admits reading, the functions of :data:`ALLOWED_FUNCTIONS`
(SQL's own scalar, aggregate, window, date, math, JSON and full-text ones) and the
pragmas that only describe the schema. Everything else is denied at compile time, which
covers ``load_extension`` and ``fts3_tokenizer`` (which hands out a code pointer), pragmas
that change settings, and any statement other than a query.
"""

from __future__ import annotations

import sqlite3

ALLOWED_FUNCTIONS = frozenset("""
abs changes char coalesce concat concat_ws format glob hex ifnull iif instr last_insert_rowid length like
likelihood likely lower ltrim max min nullif octet_length printf quote random randomblob replace round rtrim
sign soundex sqlite_version sqlite_source_id sqlite_compileoption_get sqlite_compileoption_used substr substring
subtype total_changes trim typeof unhex unicode unistr unlikely upper zeroblob
date time datetime julianday unixepoch strftime timediff current_date current_time current_timestamp
avg count group_concat string_agg sum total median percentile percentile_cont percentile_disc
row_number rank dense_rank percent_rank cume_dist ntile lag lead first_value last_value nth_value
acos acosh asin asinh atan atan2 atanh ceil ceiling cos cosh degrees exp floor ln log log10 log2 mod pi pow
power radians sin sinh sqrt tan tanh trunc
json jsonb json_array jsonb_array json_array_length json_error_position json_extract jsonb_extract json_insert
jsonb_insert json_object jsonb_object json_patch jsonb_patch json_pretty json_quote json_remove jsonb_remove
json_replace jsonb_replace json_set jsonb_set json_type json_valid json_group_array jsonb_group_array
json_group_object jsonb_group_object json_each json_tree -> ->>
match highlight snippet bm25 matchinfo offsets
""".split())

# Pragmas that only read the schema or the file's description.
ALLOWED_PRAGMAS = frozenset("""
table_info table_xinfo table_list index_list index_info index_xinfo foreign_key_list collation_list
function_list module_list pragma_list database_list compile_options user_version schema_version
application_id page_count page_size freelist_count encoding data_version
""".split())
_SETTINGS_READ_ONLY = frozenset({"user_version", "schema_version", "application_id", "page_size", "encoding"})

_ALLOWED_ACTIONS = {sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_RECURSIVE}


class Denied:
    """The first thing the authorizer denied, for the message (SQLite says only "not authorized")."""

    def __init__(self) -> None:
        self.what: str | None = None


def install(connection: sqlite3.Connection) -> Denied:
    """Set the authorizer on ``connection``; the returned object names what was denied."""
    denied = Denied()

    def authorize(action: int, arg1: str | None, arg2: str | None, _db: str | None, _trigger: str | None) -> int:
        if action in _ALLOWED_ACTIONS:
            return sqlite3.SQLITE_OK
        if action == sqlite3.SQLITE_FUNCTION and (arg2 or "").lower() in ALLOWED_FUNCTIONS:
            return sqlite3.SQLITE_OK
        if action == sqlite3.SQLITE_PRAGMA and _pragma_allowed(arg1, arg2):
            return sqlite3.SQLITE_OK
        if action == sqlite3.SQLITE_UPDATE and arg1 in ("sqlite_master", "sqlite_temp_master"):
            return sqlite3.SQLITE_OK  # SQLite's own schema step for table-valued pragmas; the file stays read-only
        if action == sqlite3.SQLITE_TRANSACTION and (arg1 or "").upper() == "BEGIN":
            return sqlite3.SQLITE_OK  # the driver's own BEGIN before a write (which is then denied)
        if denied.what is None:
            denied.what = _describe(action, arg1, arg2)
        return sqlite3.SQLITE_DENY

    connection.set_authorizer(authorize)
    return denied


def _pragma_allowed(name: str | None, argument: str | None) -> bool:
    name = (name or "").lower()
    if name not in ALLOWED_PRAGMAS:
        return False
    return argument is None or name not in _SETTINGS_READ_ONLY  # user_version=5 would set it


def _describe(action: int, arg1: str | None, arg2: str | None) -> str:
    if action == sqlite3.SQLITE_FUNCTION:
        return f"the function {arg2}()"
    if action == sqlite3.SQLITE_PRAGMA:
        return f"PRAGMA {arg1}" + ("" if arg2 is None else f" = {arg2}")
    names = {getattr(sqlite3, f"SQLITE_{name}", None): name for name in _ACTION_NAMES}
    return names.get(action, f"action {action}").replace("_", " ").lower()


_ACTION_NAMES = (
    "CREATE_INDEX", "CREATE_TABLE", "CREATE_TEMP_INDEX", "CREATE_TEMP_TABLE", "CREATE_TEMP_TRIGGER",
    "CREATE_TEMP_VIEW", "CREATE_TRIGGER", "CREATE_VIEW", "DELETE", "DROP_INDEX", "DROP_TABLE",
    "DROP_TEMP_INDEX", "DROP_TEMP_TABLE", "DROP_TEMP_TRIGGER", "DROP_TEMP_VIEW", "DROP_TRIGGER",
    "DROP_VIEW", "INSERT", "TRANSACTION", "UPDATE", "ATTACH", "DETACH", "ALTER_TABLE", "REINDEX",
    "ANALYZE", "CREATE_VTABLE", "DROP_VTABLE", "SAVEPOINT",
)
