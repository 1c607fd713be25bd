package io.portal.console.peering;

import static org.assertj.core.api.Assertions.assertThat;

import io.portal.console.store.ActivityEntry;
import io.portal.console.store.ActivityRepository;
import io.portal.console.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActivityRecorderTest {
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final int MAX_ROWS = 100;

    @TempDir
    Path dir;

    private static ActivityEntry call(int n) {
        return new ActivityEntry(NOW.minusSeconds(10_000 - n), ActivityEntry.Direction.IN, "PEER", "echo", "POST",
                "/echo/" + n, 200, 1024, 1024, 1, null);
    }

    @Test
    void underLoadTheTableIsPrunedToItsCapWithoutWaitingForTheNextRound() {
        try (Database database = Database.open(dir.resolve("portal.db"))) {
            ActivityRepository repository = recordThenClose(database, 1_000);

            // The cap, plus fewer than a tenth of it when a background batch was pruned just before the last one.
            assertThat(repository.count()).isBetween(MAX_ROWS, MAX_ROWS + MAX_ROWS / 10 - 1);
            assertThat(repository.recent(1).get(0).path()).isEqualTo("/echo/999");
            assertThat(repository.recent(MAX_ROWS).get(MAX_ROWS - 1).path()).isEqualTo("/echo/900");
        }
    }

    @Test
    void aFewCallsAreKeptAsTheyAre() {
        try (Database database = Database.open(dir.resolve("portal.db"))) {
            assertThat(recordThenClose(database, 5).count()).isEqualTo(5);
        }
    }

    /** Records {@code calls} calls through a recorder capped at {@link #MAX_ROWS}, then closes it (storing them all). */
    private static ActivityRepository recordThenClose(Database database, int calls) {
        ActivityRepository repository = new ActivityRepository(database);
        ActivityRecorder recorder = new ActivityRecorder(repository, Clock.fixed(NOW, ZoneOffset.UTC), MAX_ROWS,
                Duration.ofDays(30));
        for (int i = 0; i < calls; i++) {
            recorder.record(call(i));
        }
        recorder.close();
        return repository;
    }
}
