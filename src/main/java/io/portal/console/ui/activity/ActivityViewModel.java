package io.portal.console.ui.activity;

import io.portal.console.Messages;
import io.portal.console.store.ActivityEntry;
import io.portal.console.store.ActivityRepository;
import io.portal.console.store.Changes;
import io.portal.console.store.Peer;
import io.portal.console.store.PeerRepository;
import io.portal.console.ui.common.BackgroundExecutor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The Activity screen's state: recent calls (both directions) as rows a text filter narrows down, and calls per
 * minute over the last {@link #CHART_MINUTES} minutes, by peer or by app. Live: reloads when the database changes.
 */
public final class ActivityViewModel implements AutoCloseable {
    public static final int CHART_MINUTES = 30;
    static final int ROWS = 2000;
    private static final Duration MIN_RELOAD_GAP = Duration.ofSeconds(1);

    public enum GroupBy { PEER, APP }

    /** One table row, ready to show. */
    public record Row(Instant at, String direction, String peer, String app, String method, String path, int status,
            long bytesIn, long bytesOut, long durationMs, String problem) {
        boolean matches(String filter) {
            if (filter.isBlank()) {
                return true;
            }
            String haystack = String.join(" ", direction, peer, app, method, path, Integer.toString(status),
                    problem == null ? "" : problem).toLowerCase(Locale.ROOT);
            for (String word : filter.toLowerCase(Locale.ROOT).split("\\s+")) {
                if (!haystack.contains(word)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Calls per minute: the minutes (oldest first) and, per peer or app, one count per minute. */
    public record Chart(List<Instant> minutes, Map<String, List<Integer>> series) {
        public static final Chart EMPTY = new Chart(List.of(), Map.of());
    }

    private final ActivityRepository activity;
    private final PeerRepository peers;
    private final BackgroundExecutor executor;
    private final Clock clock;
    private final AutoCloseable subscription;
    private final ObservableList<Row> all = FXCollections.observableArrayList();
    private final FilteredList<Row> rows = new FilteredList<>(all);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ObjectProperty<GroupBy> groupBy = new SimpleObjectProperty<>(GroupBy.PEER);
    private final ReadOnlyObjectWrapper<Chart> chart = new ReadOnlyObjectWrapper<>(Chart.EMPTY);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private List<ActivityEntry> lastEntries = List.of();
    private Map<String, String> peerNames = Map.of();
    private Instant lastReload = Instant.EPOCH;
    private boolean reloadPending;

    public ActivityViewModel(ActivityRepository activity, PeerRepository peers, Changes changes,
            BackgroundExecutor executor, Clock clock) {
        this.activity = activity;
        this.peers = peers;
        this.executor = executor;
        this.clock = clock;
        filter.addListener((obs, was, now) -> applyFilter());
        groupBy.addListener((obs, was, now) -> rebuildChart());
        this.subscription = changes.subscribe(() -> executor.onUiThread(this::reloadSoon));
        reload();
    }

    public FilteredList<Row> rows() {
        return rows;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ObjectProperty<GroupBy> groupByProperty() {
        return groupBy;
    }

    public ReadOnlyObjectProperty<Chart> chartProperty() {
        return chart.getReadOnlyProperty();
    }

    /** "12 of 340 calls shown" and the like. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    private record Loaded(List<ActivityEntry> entries, Map<String, String> names) {
    }

    /** Under load the database changes every half second; the screen reloads at most once a second. */
    private void reloadSoon() {
        if (reloadPending) {
            return;
        }
        if (Duration.between(lastReload, clock.instant()).compareTo(MIN_RELOAD_GAP) >= 0) {
            reload();
        } else {
            reloadPending = true;
            executor.submit(() -> {
                Thread.sleep(MIN_RELOAD_GAP.toMillis());
                return null;
            }, done -> {
                reloadPending = false;
                reload();
            }, e -> reloadPending = false);
        }
    }

    public void reload() {
        lastReload = clock.instant();
        executor.submit(() -> new Loaded(activity.recent(ROWS), peers.list().stream()
                .collect(Collectors.toMap(p -> p.id().canonical(), Peer::name, (a, b) -> a))), this::show,
                e -> summary.set(e.getMessage()));
    }

    private void show(Loaded loaded) {
        lastEntries = loaded.entries();
        peerNames = loaded.names();
        all.setAll(loaded.entries().stream().map(this::row).toList());
        applyFilter();
        rebuildChart();
    }

    private Row row(ActivityEntry e) {
        return new Row(e.at(), Messages.get(e.direction() == ActivityEntry.Direction.OUT ? "activity.out" : "activity.in"),
                peerLabel(e.peerId()), e.app(), e.method(), e.path(), e.status(), e.bytesIn(), e.bytesOut(), e.durationMs(),
                e.problem());
    }

    private String peerLabel(String peerId) {
        String name = peerNames.get(peerId);
        String shortId = peerId.length() > 6 ? peerId.substring(0, 6) : peerId;
        return name == null ? shortId : name + " (" + shortId + ")";
    }

    private void applyFilter() {
        String text = filter.get() == null ? "" : filter.get();
        rows.setPredicate(r -> r.matches(text));
        summary.set(Messages.get("activity.summary", rows.size(), all.size()));
    }

    private void rebuildChart() {
        Instant end = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        Instant start = end.minus(Duration.ofMinutes(CHART_MINUTES - 1));
        List<Instant> minutes = new ArrayList<>();
        for (int i = 0; i < CHART_MINUTES; i++) {
            minutes.add(start.plus(Duration.ofMinutes(i)));
        }
        Function<ActivityEntry, String> key = groupBy.get() == GroupBy.APP ? ActivityEntry::app : e -> peerLabel(e.peerId());
        Map<String, int[]> counts = new TreeMap<>();
        for (ActivityEntry e : lastEntries) {
            Instant minute = e.at().truncatedTo(ChronoUnit.MINUTES);
            if (minute.isBefore(start) || minute.isAfter(end)) {
                continue;
            }
            int index = (int) Duration.between(start, minute).toMinutes();
            counts.computeIfAbsent(key.apply(e), k -> new int[CHART_MINUTES])[index]++;
        }
        Map<String, List<Integer>> series = new LinkedHashMap<>();
        counts.forEach((k, v) -> series.put(k, java.util.Arrays.stream(v).boxed().toList()));
        chart.set(new Chart(List.copyOf(minutes), series));
    }

    @Override
    public void close() throws Exception {
        subscription.close();
    }
}
