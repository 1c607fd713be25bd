-- Local apps registered from their app.json. The token itself is never stored, only its SHA-256 (hex).
CREATE TABLE apps (
    name       TEXT PRIMARY KEY NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    url        TEXT NOT NULL,
    manifest   TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    sharing    TEXT NOT NULL DEFAULT 'none' CHECK (sharing IN ('none', 'all', 'selected')),
    added_at   INTEGER NOT NULL
) STRICT;

-- For sharing 'selected': the peers the app may see and call.
CREATE TABLE app_shares (
    app     TEXT NOT NULL REFERENCES apps (name) ON DELETE CASCADE,
    peer_id TEXT NOT NULL REFERENCES peers (id) ON DELETE CASCADE,
    PRIMARY KEY (app, peer_id)
) STRICT;
CREATE INDEX app_shares_by_peer ON app_shares (peer_id);
