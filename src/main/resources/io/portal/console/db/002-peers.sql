-- Friends' Portals. Times are milliseconds since the epoch (UTC).
CREATE TABLE peers (
    id        TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 56),
    name      TEXT NOT NULL,
    state     TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'blocked')),
    added_at  INTEGER NOT NULL,
    last_seen INTEGER,
    online    INTEGER NOT NULL DEFAULT 0 CHECK (online IN (0, 1))
) STRICT;

-- Where a peer's peer service listens (host:port), tried in order.
CREATE TABLE peer_addresses (
    peer_id  TEXT NOT NULL REFERENCES peers (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    address  TEXT NOT NULL,
    PRIMARY KEY (peer_id, position)
) STRICT;
