"""Full-text index of the title (folded name and field), one per engine, maintained by the database.

The document lists are not in it: both engines normalise a score by the length of everything indexed
together, so a long document list buried a short exact name (lexical top-1 51% -> 62% on the dev
questions without them), and on PostgreSQL reading the large vectors cost 30-170 ms a query. They are
scored in memory instead (snapshot.py, docs/decisions/0006).

SQLite: an external-content FTS5 table (unicode61 tokenizer) kept in step by triggers.
PostgreSQL: a generated tsvector column ('simple' configuration: the text is already folded and
Vietnamese has no stemming to do; name weight A, field weight B) with a GIN index. No extension needed.
"""

# ruff: noqa: S608 -- DDL built from constant names only.
from django.db import migrations

from motcua.search.migration_ops import VendorRunSQL

TABLE = "search_proceduresearchdocument"
INDEXES = {"search_procedure_fts": ("name_folded", "field_folded")}  # FTS5 table -> indexed columns


def _sqlite_forward(fts: str, columns: tuple[str, ...]) -> list[str]:
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{TABLE}', content_rowid='id', "
        "tokenize='unicode61')",
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {TABLE} BEGIN "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END",
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {TABLE} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); END",
        f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {cols} ON {TABLE} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def _sqlite_backward(fts: str) -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {fts}_{suffix}" for suffix in ("au", "ad", "ai")] + [
        f"DROP TABLE IF EXISTS {fts}"
    ]


POSTGRES_FORWARD = [
    f"ALTER TABLE {TABLE} ADD COLUMN title_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple', name_folded), 'A') || "
    "setweight(to_tsvector('simple', field_folded), 'B')) STORED",
    f"CREATE INDEX search_document_title_gin ON {TABLE} USING gin (title_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_document_title_gin",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS title_vector",
]


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        VendorRunSQL(
            "sqlite",
            [sql for fts, columns in INDEXES.items() for sql in _sqlite_forward(fts, columns)],
            [sql for fts in reversed(INDEXES) for sql in _sqlite_backward(fts)],
        ),
        VendorRunSQL("postgresql", POSTGRES_FORWARD, POSTGRES_BACKWARD),
    ]
