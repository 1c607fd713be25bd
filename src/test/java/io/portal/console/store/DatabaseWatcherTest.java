package io.portal.console.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.portal.console.identity.PortalId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseWatcherTest {
    private static final Duration INTERVAL = Duration.ofMillis(100);

    @TempDir
    Path dir;

    @Test
    void notifiesAfterACommitFromAnotherConnectionToTheSameFile() throws Exception {
        Path file = dir.resolve("portal.db");
        try (Database gui = Database.open(file); DatabaseWatcher watcher = new DatabaseWatcher(gui, INTERVAL)) {
            CountDownLatch changed = new CountDownLatch(1);
            watcher.subscribe(changed::countDown);

            // What the CLI does: its own Database.open of the same file.
            try (Database cli = Database.open(file)) {
                new SettingsRepository(cli).put(SettingsRepository.PORTAL_NAME, "From the CLI");
            }

            assertThat(changed.await(2, TimeUnit.SECONDS)).as("notified within 2 s").isTrue();
            assertThat(new SettingsRepository(gui).get(SettingsRepository.PORTAL_NAME)).contains("From the CLI");
        }
    }

    @Test
    void notifiesAfterACommitInThisProcessToo() throws Exception {
        try (Database database = Database.open(dir.resolve("portal.db"));
                DatabaseWatcher watcher = new DatabaseWatcher(database, INTERVAL)) {
            CountDownLatch changed = new CountDownLatch(1);
            watcher.subscribe(changed::countDown);

            new SettingsRepository(database).put("k", "v");

            assertThat(changed.await(2, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void activityAloneReachesOnlyTheListenersOfEveryChange() throws Exception {
        Path file = dir.resolve("portal.db");
        try (Database here = Database.open(file); DatabaseWatcher watcher = new DatabaseWatcher(here, INTERVAL)) {
            AtomicInteger setupFromWatcher = new AtomicInteger();
            AtomicInteger setupFromHere = new AtomicInteger();
            CountDownLatch anyChange = new CountDownLatch(1);
            watcher.subscribeToSetup(setupFromWatcher::incrementAndGet);
            here.afterSetupCommit(setupFromHere::incrementAndGet);
            watcher.subscribe(anyChange::countDown);

            // What a running service does all the time: activity, from this process and from another one.
            ActivityEntry call = new ActivityEntry(java.time.Instant.now(), ActivityEntry.Direction.IN,
                    "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567ABCDEFGHIJKLMNOP", "notes", "GET", "/", 200, 0, 10, 1, null);
            new ActivityRepository(here).insert(java.util.List.of(call));
            try (Database serve = Database.open(file)) {
                new ActivityRepository(serve).insert(java.util.List.of(call));
            }
            assertThat(anyChange.await(2, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(INTERVAL.toMillis() * 3);
            assertThat(setupFromWatcher).hasValue(0);
            assertThat(setupFromHere).hasValue(0);

            // A change to the setup reaches both kinds, from here at once and through the watcher.
            CountDownLatch setup = new CountDownLatch(1);
            watcher.subscribeToSetup(setup::countDown);
            try (Database cli = Database.open(file)) {
                new SettingsRepository(cli).put(SettingsRepository.PORTAL_NAME, "Renamed");
            }
            assertThat(setup.await(2, TimeUnit.SECONDS)).as("a setup change from another connection").isTrue();
            new SettingsRepository(here).put(SettingsRepository.PORTAL_NAME, "Renamed again");
            assertThat(setupFromHere).as("a setup change made here").hasValue(1);
        }
    }

    @Test
    void aPeerBeingSeenIsPresenceNotSetup() throws Exception {
        Path file = dir.resolve("portal.db");
        PortalId id = PortalId.ofBytes(new byte[PortalId.BYTES]);
        try (Database setup = Database.open(file)) {
            new PeerRepository(setup).add(Peer.added(id, "Alice", java.util.List.of(), java.time.Instant.now()));
        }
        try (Database here = Database.open(file); DatabaseWatcher watcher = new DatabaseWatcher(here, INTERVAL)) {
            AtomicInteger setupFromWatcher = new AtomicInteger();
            AtomicInteger setupFromHere = new AtomicInteger();
            AtomicInteger presenceFromHere = new AtomicInteger();
            CountDownLatch presence = new CountDownLatch(1);
            watcher.subscribeToSetup(setupFromWatcher::incrementAndGet);
            watcher.subscribeToPresence(presence::countDown);
            here.afterSetupCommit(setupFromHere::incrementAndGet);
            here.afterPresenceCommit(presenceFromHere::incrementAndGet);

            // What the prober (and every call received) does: the peer answered.
            try (Database serve = Database.open(file)) {
                new PeerRepository(serve).recordContact(id, true, java.time.Instant.now());
            }
            assertThat(presence.await(2, TimeUnit.SECONDS)).as("presence, through the watcher").isTrue();
            new PeerRepository(here).recordContact(id, false, java.time.Instant.now());
            assertThat(presenceFromHere).as("presence, made here").hasValue(1);
            Thread.sleep(INTERVAL.toMillis() * 3);
            assertThat(setupFromWatcher).hasValue(0);
            assertThat(setupFromHere).hasValue(0);

            // Renaming the peer is a change to the setup, not to its presence.
            new PeerRepository(here).rename(id, "Alice B.");
            assertThat(setupFromHere).hasValue(1);
            assertThat(presenceFromHere).hasValue(1);
        }
    }

    @Test
    void aClosedSubscriptionIsNotCalledAndAFailingListenerDoesNotStopOthers() throws Exception {
        Path file = dir.resolve("portal.db");
        try (Database database = Database.open(file); DatabaseWatcher watcher = new DatabaseWatcher(database, INTERVAL)) {
            AtomicInteger removedCalls = new AtomicInteger();
            watcher.subscribe(() -> {
                throw new IllegalStateException("listener bug");
            });
            watcher.subscribe(removedCalls::incrementAndGet).close();
            CountDownLatch changed = new CountDownLatch(1);
            watcher.subscribe(changed::countDown);

            new SettingsRepository(database).put("k", "v");

            assertThat(changed.await(2, TimeUnit.SECONDS)).isTrue();
            assertThat(removedCalls).hasValue(0);
        }
    }

    @Test
    void closingReleasesItsConnectionEvenWhenInterrupted() throws Exception {
        Path file = dir.resolve("portal.db");
        try (Database database = Database.open(file)) {
            DatabaseWatcher watcher = new DatabaseWatcher(database, INTERVAL);
            Thread.currentThread().interrupt();
            try {
                watcher.close();
                assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
            } finally {
                Thread.interrupted();
            }
            assertThat(watcher.subscribe(() -> { })).isNotNull();
        }
        // With every connection closed, SQLite removes the write-ahead log.
        assertThat(dir.resolve("portal.db-wal")).doesNotExist();
    }
}
