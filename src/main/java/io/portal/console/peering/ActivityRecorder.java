package io.portal.console.peering;

import io.portal.console.store.ActivityEntry;
import io.portal.console.store.ActivityRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Writes activity off the request path: calls only enqueue; a background thread stores batches every
 * {@link #FLUSH_INTERVAL}, writes their lines to the call log (logger {@code io.portal.console.calls}, which
 * {@code serve} shows on stdout) and prunes old rows now and then: every ten minutes, and as soon as a tenth of the
 * row cap has been added since the last time, so that under load the table stays within 110 % of its cap. When the
 * queue is full, entries are dropped (and counted in the log) rather than slowing calls down.
 */
public final class ActivityRecorder implements AutoCloseable {
    static final Duration FLUSH_INTERVAL = Duration.ofMillis(500);
    private static final int QUEUE = 10_000;
    private static final long PRUNE_EVERY_FLUSHES = 1200;
    private static final Logger LOG = Logger.getLogger(ActivityRecorder.class.getName());
    /**
     * The call log's logger: one line per call, written with each batch. A handler may leave these lines unflushed:
     * they are flushed at the end of each batch.
     */
    public static final String CALL_LOG = "io.portal.console.calls";
    private static final Logger CALLS = Logger.getLogger(CALL_LOG);

    private final ActivityRepository repository;
    private final Clock clock;
    private final int maxRows;
    private final Duration maxAge;
    private final BlockingQueue<ActivityEntry> queue = new ArrayBlockingQueue<>(QUEUE);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "activity-writer");
        t.setDaemon(true);
        return t;
    });
    private final int pruneAfterRows;
    private long flushes;
    private long storedSincePrune;
    private final LongAdder dropped = new LongAdder();

    public ActivityRecorder(ActivityRepository repository, Clock clock, int maxRows, Duration maxAge) {
        this.repository = repository;
        this.clock = clock;
        this.maxRows = maxRows;
        this.maxAge = maxAge;
        this.pruneAfterRows = Math.max(1, maxRows / 10);
        scheduler.execute(this::prune);
        scheduler.scheduleWithFixedDelay(this::flush, FLUSH_INTERVAL.toMillis(), FLUSH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Queues a call for the store and the call log; never blocks and never formats on the caller's thread. */
    public void record(ActivityEntry entry) {
        if (!queue.offer(entry)) {
            // Never the writer's lock: this runs on the listeners' I/O threads, and the writer may be slow.
            dropped.increment();
        }
    }

    private synchronized void flush() {
        List<ActivityEntry> batch = new ArrayList<>();
        queue.drainTo(batch);
        storedSincePrune += batch.size();
        boolean pruneNow = ++flushes % PRUNE_EVERY_FLUSHES == 0 || storedSincePrune >= pruneAfterRows;
        long lost = dropped.sumThenReset();
        if (lost > 0) {
            LOG.warning(lost + " activity entries were dropped: the writer could not keep up");
        }
        if (batch.isEmpty() && !pruneNow) {
            return;
        }
        try {
            logCalls(batch);
        } catch (RuntimeException e) {
            // A broken log handler must not stop the activity from being stored, nor later batches.
            LOG.log(Level.WARNING, "cannot write the call log", e);
        } finally {
            flushCallLog();
        }
        try {
            repository.insert(batch);
            if (pruneNow) {
                prune();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot store activity", e);
        }
    }

    /** The call log: one line per call, stamped with the time the call started. */
    private static void logCalls(List<ActivityEntry> batch) {
        if (batch.isEmpty() || !CALLS.isLoggable(Level.INFO)) {
            return;
        }
        for (ActivityEntry entry : batch) {
            LogRecord line = new LogRecord(Level.INFO, callLine(entry));
            line.setInstant(entry.at());
            line.setLoggerName(CALLS.getName());
            // Naming the source spares the logging framework a stack walk per line.
            line.setSourceClassName(ActivityRecorder.class.getName());
            line.setSourceMethodName("flush");
            CALLS.log(line);
        }
    }

    private static void flushCallLog() {
        for (Logger logger = CALLS; logger != null; logger = logger.getParent()) {
            for (java.util.logging.Handler handler : logger.getHandlers()) {
                handler.flush();
            }
            if (!logger.getUseParentHandlers()) {
                break;
            }
        }
    }

    static String callLine(ActivityEntry entry) {
        StringBuilder line = new StringBuilder(120);
        line.append(entry.direction() == ActivityEntry.Direction.OUT ? "out to " : "in from ");
        String peer = entry.peerId();
        line.append(peer, 0, Math.min(6, peer.length())).append(' ').append(entry.app()).append(' ')
                .append(entry.method()).append(' ').append(entry.path()).append(" -> ").append(entry.status());
        if (entry.problem() != null) {
            line.append(" (").append(entry.problem()).append(')');
        }
        return line.append(", ").append(entry.bytesIn()).append(" B in, ").append(entry.bytesOut()).append(" B out, ")
                .append(entry.durationMs()).append(" ms").toString();
    }

    private void prune() {
        storedSincePrune = 0;
        try {
            repository.prune(maxRows, maxAge, clock.instant());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot prune activity", e);
        }
    }

    /** Stores what is queued, then stops. */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
