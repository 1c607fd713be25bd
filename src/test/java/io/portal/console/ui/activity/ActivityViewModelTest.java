package io.portal.console.ui.activity;

import static org.assertj.core.api.Assertions.assertThat;

import io.portal.console.identity.Ed25519Keys;
import io.portal.console.identity.PortalId;
import io.portal.console.store.ActivityEntry;
import io.portal.console.store.ActivityRepository;
import io.portal.console.store.Changes;
import io.portal.console.store.Database;
import io.portal.console.store.Peer;
import io.portal.console.store.PeerRepository;
import io.portal.console.ui.common.BackgroundExecutor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActivityViewModelTest {
    private static final Instant NOW = Instant.parse("2026-11-28T10:00:30Z");

    @TempDir
    Path dir;

    @Test
    void filtersRowsAndCountsCallsPerMinuteByPeerOrApp() throws Exception {
        try (Database database = Database.open(dir.resolve("portal.db"))) {
            PeerRepository peers = new PeerRepository(database);
            PortalId bob = PortalId.ofPublicKey(Ed25519Keys.generate().getPublic());
            peers.add(Peer.added(bob, "Bob", List.of(), NOW));
            ActivityRepository activity = new ActivityRepository(database);
            activity.insert(List.of(
                    new ActivityEntry(NOW.minusSeconds(120), ActivityEntry.Direction.OUT, bob.canonical(), "notes", "GET", "/peer/a", 200, 0, 10, 5, null),
                    new ActivityEntry(NOW.minusSeconds(10), ActivityEntry.Direction.IN, bob.canonical(), "notes", "POST", "/peer/b", 200, 3, 10, 5, null),
                    new ActivityEntry(NOW.minusSeconds(5), ActivityEntry.Direction.OUT, "STRANGERID", "photos", "GET", "/x", 403, 0, 0, 1, "peer-refused-not-a-peer")));

            ActivityViewModel model = new ActivityViewModel(activity, peers, Changes.NONE, BackgroundExecutor.DIRECT,
                    Clock.fixed(NOW, ZoneOffset.UTC));
            assertThat(model.rows()).hasSize(3);
            assertThat(model.rows().get(0).peer()).isEqualTo("STRANG");
            assertThat(model.rows().get(1).peer()).isEqualTo("Bob (" + bob.shortId() + ")");

            model.filterProperty().set("bob post");
            assertThat(model.rows()).extracting(ActivityViewModel.Row::path).containsExactly("/peer/b");
            model.filterProperty().set("403");
            assertThat(model.rows()).extracting(ActivityViewModel.Row::app).containsExactly("photos");
            assertThat(model.summaryProperty().get()).isEqualTo("1 of 3 calls shown");

            ActivityViewModel.Chart byPeer = model.chartProperty().get();
            assertThat(byPeer.minutes()).hasSize(ActivityViewModel.CHART_MINUTES);
            List<Integer> bobCounts = byPeer.series().get("Bob (" + bob.shortId() + ")");
            assertThat(bobCounts.get(ActivityViewModel.CHART_MINUTES - 1)).isEqualTo(1);
            assertThat(bobCounts.get(ActivityViewModel.CHART_MINUTES - 3)).isEqualTo(1);

            model.groupByProperty().set(ActivityViewModel.GroupBy.APP);
            assertThat(model.chartProperty().get().series()).containsOnlyKeys("notes", "photos");
            model.close();
        }
    }
}
