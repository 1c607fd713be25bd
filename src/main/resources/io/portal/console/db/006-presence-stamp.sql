-- Whether a peer answers (online, last_seen) is not part of the setup: probes and calls move it all the time. It
-- moves a counter of its own, so that caches of the setup and screens that do not show it are not reloaded by it.
CREATE TABLE presence_stamp (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    stamp INTEGER NOT NULL
) STRICT;
INSERT INTO presence_stamp (id, stamp) VALUES (1, 0);

DROP TRIGGER IF EXISTS peers_update_stamp;
CREATE TRIGGER peers_update_stamp AFTER UPDATE OF id, name, state, added_at ON peers
BEGIN
    UPDATE setup_stamp SET stamp = stamp + 1 WHERE id = 1;
END;
CREATE TRIGGER peers_presence_stamp AFTER UPDATE OF online, last_seen ON peers
BEGIN
    UPDATE presence_stamp SET stamp = stamp + 1 WHERE id = 1;
END;
