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
-- key: what a placement was made from (recording.placements_of), "" when a quick rebuild wrote it.
CREATE TABLE placements (
    path TEXT PRIMARY KEY, column_id TEXT NOT NULL, target TEXT NOT NULL, key TEXT NOT NULL, data BLOB NOT NULL
);
-- Every full build reads the placements' keys, which otherwise sit among 12 MB of placements at 10,000.
CREATE INDEX placement_keys ON placements (column_id, path, key);
CREATE TABLE bundles (column_id TEXT, name TEXT, targets TEXT NOT NULL, PRIMARY KEY (column_id, name));
CREATE TABLE records (
    column_id TEXT,
    target TEXT,
    key TEXT NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (column_id, target)
);
CREATE TABLE listings (
    column_id TEXT,
    target TEXT,
    key TEXT NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (column_id, target)
);
-- Every build reads the keys of a column's list pages, which otherwise sit among 60 MB of plans at 30,000.
CREATE INDEX listing_keys ON listings (column_id, target, key);
CREATE TABLE shows (
    column_id TEXT NOT NULL,
    target TEXT NOT NULL,
    item TEXT NOT NULL,
    PRIMARY KEY (column_id, target, item)
) WITHOUT ROWID;
CREATE INDEX shows_by_item ON shows (column_id, item);
"""
