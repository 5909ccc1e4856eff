"""The library's SQLite schema, versioned.

Each entry of :data:`MIGRATIONS` brings a library from version ``n`` to ``n + 1``; a library records its
version in ``meta`` and is migrated forward when opened. Never edit a released migration: add one.
"""

SCHEMA_VERSION_KEY = "schema_version"

MIGRATIONS: list[str] = [
    # 1: articles, their sightings, inputs, problems, site lines (boilerplate learning), families.
    """
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE articles (
        seq                 INTEGER PRIMARY KEY AUTOINCREMENT,  -- library order: the order of arrival
        id                  TEXT NOT NULL UNIQUE,
        content_hash        TEXT NOT NULL UNIQUE,              -- id + raw text: identity for idempotent ingest
        text_hash           TEXT NOT NULL,                     -- normalised clean text: exact copies share it
        title               TEXT,
        text                TEXT NOT NULL,
        raw_text            TEXT NOT NULL,
        published           TEXT,
        source              TEXT,
        url                 TEXT,
        language            TEXT,
        byline              TEXT,
        dateline            TEXT,
        attributed_to       TEXT NOT NULL DEFAULT '[]',        -- JSON list of outlet names
        removed_boilerplate TEXT NOT NULL DEFAULT '[]',        -- JSON list of lines
        guessed             TEXT NOT NULL DEFAULT '[]',        -- JSON list of fields read from the text
        segments            TEXT NOT NULL DEFAULT '[]',        -- JSON [[clean_start, raw_start, length]]
        extra               TEXT NOT NULL DEFAULT '{}',        -- JSON: input fields storyline does not model
        location            TEXT NOT NULL,                     -- first input it came from
        family              TEXT NOT NULL,
        story               TEXT,
        added_at            TEXT NOT NULL
    );
    CREATE INDEX articles_text_hash ON articles (text_hash);
    CREATE INDEX articles_family ON articles (family);
    CREATE INDEX articles_story ON articles (story);
    CREATE INDEX articles_published ON articles (published);

    CREATE TABLE sightings (
        article_id TEXT NOT NULL REFERENCES articles (id),
        location   TEXT NOT NULL,                              -- path, path:line N, feed#entry, warc#uri
        seen_at    TEXT NOT NULL,
        PRIMARY KEY (article_id, location)
    ) WITHOUT ROWID;

    CREATE TABLE inputs (
        path       TEXT PRIMARY KEY,
        size       INTEGER,
        last_run   TEXT NOT NULL,
        articles   INTEGER NOT NULL DEFAULT 0,
        problems   INTEGER NOT NULL DEFAULT 0
    );

    CREATE TABLE problems (
        id       INTEGER PRIMARY KEY AUTOINCREMENT,
        location TEXT NOT NULL,
        message  TEXT NOT NULL,
        seen_at  TEXT NOT NULL
    );

    CREATE TABLE site_lines (
        site     TEXT NOT NULL,
        line_key TEXT NOT NULL,
        line     TEXT NOT NULL,
        articles INTEGER NOT NULL,                             -- articles of the site holding the line
        PRIMARY KEY (site, line_key)
    ) WITHOUT ROWID;

    CREATE TABLE family_links (
        article_id  TEXT PRIMARY KEY REFERENCES articles (id),
        matched_id  TEXT,                                      -- the member it matched when it arrived
        kind        TEXT NOT NULL,                             -- new | exact | near
        similarity  REAL NOT NULL,
        containment REAL NOT NULL,
        signature   BLOB NOT NULL                              -- what the family index is rebuilt from
    ) WITHOUT ROWID;
    """,
]
