"""The tables of the build index: a change here is a schema change, so SCHEMA goes up and the index starts empty."""

SCHEMA = 10
TABLES = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime INTEGER NOT NULL,
    inode INTEGER NOT NULL,
    rel TEXT,
    column_id TEXT,
    section TEXT,
    status TEXT,
    unit TEXT,
    kind TEXT,
    title TEXT,
    date TEXT,
    received TEXT,
    analysis BLOB NOT NULL,
    publish_at TEXT,
    outlets TEXT,
    outline BLOB NOT NULL,
    summary TEXT NOT NULL,
    body BLOB NOT NULL,
    slug TEXT,
    intake_id TEXT
);
CREATE INDEX articles_by_column ON articles (column_id, status);
CREATE TABLE records (
    column_id TEXT,
    target TEXT,
    key TEXT NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (column_id, target)
);
"""
