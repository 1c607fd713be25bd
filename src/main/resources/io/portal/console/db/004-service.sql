-- Every call through the peer service, both directions. Bounded: the service prunes by age and by count.
CREATE TABLE activity (
    id          INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL,
    direction   TEXT NOT NULL CHECK (direction IN ('out', 'in')),
    peer_id     TEXT NOT NULL,
    app         TEXT NOT NULL,
    method      TEXT NOT NULL,
    path        TEXT NOT NULL,
    status      INTEGER NOT NULL,
    bytes_in    INTEGER NOT NULL,
    bytes_out   INTEGER NOT NULL,
    duration_ms INTEGER NOT NULL,
    problem     TEXT
) STRICT;
CREATE INDEX activity_by_time ON activity (at);

-- Portals that called although they are not peers ("Portal ABC123 wants to connect"). Capped by the service.
CREATE TABLE pending_requests (
    id         TEXT PRIMARY KEY NOT NULL,
    name       TEXT NOT NULL DEFAULT '',
    address    TEXT NOT NULL DEFAULT '',
    first_at   INTEGER NOT NULL,
    last_at    INTEGER NOT NULL,
    count      INTEGER NOT NULL DEFAULT 1,
    ignored    INTEGER NOT NULL DEFAULT 0
) STRICT;
