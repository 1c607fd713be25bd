package io.portal.console.ui.peers;

import io.portal.console.identity.PortalId;
import io.portal.console.peers.PeerBook;
import io.portal.console.peers.QrScanner;
import io.portal.console.peers.TestIds;
import io.portal.console.store.Changes;
import io.portal.console.store.Database;
import io.portal.console.store.PeerRepository;
import io.portal.console.ui.common.BackgroundExecutor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A real store in a temporary folder, a fixed clock, and change notifications fired by hand. */
final class PeersFixture implements AutoCloseable {
    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    final PortalId own = TestIds.id(1);
    final Database database;
    final PeerRepository repository;
    final PeerBook book;
    final List<Runnable> listeners = new ArrayList<>();
    final Changes changes = listener -> {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    };
    final List<String> copied = new ArrayList<>();

    PeersFixture(Path dir) {
        database = Database.open(dir.resolve("portal.db"));
        repository = new PeerRepository(database);
        book = new PeerBook(repository, own, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    PeersViewModel model(BackgroundExecutor executor) {
        return new PeersViewModel(book, new QrScanner(), changes, executor, copied::add, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    void fireChange() {
        List.copyOf(listeners).forEach(Runnable::run);
    }

    @Override
    public void close() {
        database.close();
    }
}
