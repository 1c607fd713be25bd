-- A counter every change to what the console and the service are set up with moves (not activity rows): the
-- database watcher tells setup changes from the stream of activity, so caches and screens reload only for the first.
CREATE TABLE setup_stamp (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    stamp INTEGER NOT NULL
) STRICT;
INSERT INTO setup_stamp (id, stamp) VALUES (1, 0);

CREATE TRIGGER settings_insert_stamp AFTER INSERT ON settings
BEGIN
    UPDATE setup_stamp SET stamp = stamp + 1 WHERE id = 1;
END;
CREATE TRIGGER settings_update_stamp AFTER UPDATE ON settings
BEGIN
    UPDATE setup_stamp SET stamp = stamp + 1 WHERE id = 1;
END;
CREATE TRIGGER settings_delete_stamp AFTER DELETE ON settings
BEGIN
    UPDATE setup_stamp SET stamp = stamp + 1 WHERE id = 1;
END;
CREATE TRIGGER peers_insert_stamp AFTER INSERT ON peers
BEGIN
    UPDATE setup_stamp SET stamp = stamp + 1 WHERE id = 1;
END;
CREATE TRIGGER peers_update_stamp AFTER UPDATE ON peers
BEGIN
    UPDATE setup_stamp SET stamp = stamp + 1 WHERE id = 1;
END;
CREATE TRIGGER peers_delete_stamp AFTER DELETE ON peers
BEGIN
    UPDATE setup_stamp SET stamp = stamp + 1 WHERE id = 1;
END;
CREATE TRIGGER peer_addresses_insert_stamp AFTER INSERT ON peer_addresses
BEGIN
    UPDATE setup_stamp SET stamp = stamp + 1 WHERE id = 1;
END;
CREATE TRIGGER peer_addresses_update_stamp AFTER UPDATE ON peer_addresses
BEGIN
    UPDATE setup_stamp SET stamp = stamp + 1 WHERE id = 1;
END;
CREATE TRIGGER peer_addresses_delete_stamp AFTER DELETE ON peer_addresses
BEGIN
    UPDATE setup_stamp SET stamp = stamp + 1 WHERE id = 1;
END;
CREATE TRIGGER apps_insert_stamp AFTER INSERT ON apps
BEGIN
    UPDATE setup_stamp SET stamp = stamp + 1 WHERE id = 1;
END;
CREATE TRIGGER apps_update_stamp AFTER UPDATE ON apps
BEGIN
    UPDATE setup_stamp SET stamp = stamp + 1 WHERE id = 1;
END;
CREATE TRIGGER apps_delete_stamp AFTER DELETE ON apps
BEGIN
    UPDATE setup_stamp SET stamp = stamp + 1 WHERE id = 1;
END;
CREATE TRIGGER app_shares_insert_stamp AFTER INSERT ON app_shares
BEGIN
    UPDATE setup_stamp SET stamp = stamp + 1 WHERE id = 1;
END;
CREATE TRIGGER app_shares_update_stamp AFTER UPDATE ON app_shares
BEGIN
    UPDATE setup_stamp SET stamp = stamp + 1 WHERE id = 1;
END;
CREATE TRIGGER app_shares_delete_stamp AFTER DELETE ON app_shares
BEGIN
    UPDATE setup_stamp SET stamp = stamp + 1 WHERE id = 1;
END;
CREATE TRIGGER pending_requests_insert_stamp AFTER INSERT ON pending_requests
BEGIN
    UPDATE setup_stamp SET stamp = stamp + 1 WHERE id = 1;
END;
CREATE TRIGGER pending_requests_update_stamp AFTER UPDATE ON pending_requests
BEGIN
    UPDATE setup_stamp SET stamp = stamp + 1 WHERE id = 1;
END;
CREATE TRIGGER pending_requests_delete_stamp AFTER DELETE ON pending_requests
BEGIN
    UPDATE setup_stamp SET stamp = stamp + 1 WHERE id = 1;
END;
