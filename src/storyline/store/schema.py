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
    # 2: events and storylines, why each article joined, the clusterer's saved state, per-story analysis.
    """
    ALTER TABLE articles ADD COLUMN storyline TEXT;
    ALTER TABLE articles ADD COLUMN join_score REAL;
    ALTER TABLE articles ADD COLUMN join_why TEXT;                -- JSON: what joined it to its event
    CREATE INDEX articles_storyline ON articles (storyline);

    CREATE TABLE stories (
        id              TEXT PRIMARY KEY,
        level           TEXT NOT NULL,                         -- event | storyline
        storyline       TEXT,                                  -- the storyline an event belongs to
        title           TEXT NOT NULL,
        size            INTEGER NOT NULL,
        sources         INTEGER NOT NULL,
        first_published TEXT,
        last_published  TEXT,
        why             TEXT NOT NULL DEFAULT '{}',            -- JSON: shared terms, entities, dates
        changed_at      TEXT NOT NULL,
        analysis        TEXT,                                  -- JSON: origin, relations, facts, brief, timeline
        analysed_at     TEXT
    );
    CREATE INDEX stories_listing ON stories (level, last_published);
    CREATE INDEX stories_storyline ON stories (storyline);

    CREATE TABLE state (
        key   TEXT PRIMARY KEY,                                -- e.g. the clusterer's saved state
        value BLOB NOT NULL
    );
    """,
    # 3: full-text search over article titles and texts (the web UI's story search; storyline.store.search
    # keeps it up to date), and an index that answers "stories with an article from this source" and the
    # list of sources without reading article rows.
    """
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='seq', tokenize='porter unicode61 remove_diacritics 2'
    );
    INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
    CREATE INDEX articles_source ON articles (source, story, storyline);
    """,
    # 4: an index in the stories listing's order (newest first), so a page of stories is read off the index
    # instead of sorting every story (it covers the date filter too); and each story's listing flags,
    # counted once from its analysis (tens of kilobytes of JSON) instead of on every listing. IF NOT EXISTS:
    # for a few hours of development both were part of migration 3, and libraries made then have them.
    """
    CREATE INDEX IF NOT EXISTS stories_newest ON stories (
        level, last_published IS NULL, last_published DESC, size DESC, id, first_published
    );
    CREATE TABLE IF NOT EXISTS story_flags (
        id          TEXT PRIMARY KEY,                          -- a story id
        analysed_at TEXT NOT NULL,                             -- the analysis the counts were taken from
        conflicts   INTEGER NOT NULL,                          -- facts with status conflict
        rewrites    INTEGER NOT NULL                           -- relations judged rewrite
    ) WITHOUT ROWID;
    """,
]
