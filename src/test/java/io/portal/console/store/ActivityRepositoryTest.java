package io.portal.console.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActivityRepositoryTest {
    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    @TempDir
    Path dir;

    static ActivityEntry entry(Instant at, String path) {
        return new ActivityEntry(at, ActivityEntry.Direction.OUT, "PEER", "echo", "GET", path, 200, 1, 2, 3, null);
    }

    @Test
    void storesNewestFirstAndPrunesByAgeAndCount() {
        try (Database database = Database.open(dir.resolve("portal.db"))) {
            ActivityRepository activity = new ActivityRepository(database);
            List<ActivityEntry> batch = new ArrayList<>();
            batch.add(entry(NOW.minus(Duration.ofDays(40)), "/old"));
            for (int i = 0; i < 10; i++) {
                batch.add(entry(NOW.minusSeconds(100 - i), "/p" + i));
            }
            activity.insert(batch);
            assertThat(activity.count()).isEqualTo(11);
            assertThat(activity.recent(1).get(0).path()).isEqualTo("/p9");

            assertThat(activity.prune(5, Duration.ofDays(30), NOW)).isEqualTo(6);
            assertThat(activity.recent(100)).extracting(ActivityEntry::path).containsExactly("/p9", "/p8", "/p7", "/p6", "/p5");
            assertThat(activity.since(NOW.minusSeconds(93))).extracting(ActivityEntry::path).containsExactly("/p7", "/p8", "/p9");
        }
    }
}
