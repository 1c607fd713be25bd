package io.portal.console.cli;

import io.portal.console.app.DataDirectory;
import io.portal.console.app.PortalConsole;
import io.portal.console.peering.ActivityRecorder;
import io.portal.console.service.PeerService;
import io.portal.console.service.ServiceConfig;
import io.portal.console.service.ServiceException;
import io.portal.console.service.ServiceFile;
import io.portal.console.store.DatabaseWatcher;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the peer service without a window (servers, tests); logs to stdout.",
                "Prints the ports it listens on and writes them to service.json in the data folder.",
                "On SIGTERM or Ctrl-C it stops accepting, lets calls in flight finish (at most 10 s) and exits 0."})
final class ServeCommand implements Callable<Integer> {
    @Mixin
    DataDirOption dataDir;

    @Option(names = "--api-port", paramLabel = "PORT", description = "Local API port on 127.0.0.1 (0: any free port). Default: ${DEFAULT-VALUE}.")
    int apiPort = ServiceConfig.DEFAULT_API_PORT;

    @Option(names = "--peer-port", paramLabel = "PORT", description = "Peer listener port (0: any free port). Default: ${DEFAULT-VALUE}.")
    int peerPort = ServiceConfig.DEFAULT_PEER_PORT;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Peer listener address. Default: ${DEFAULT-VALUE} (all interfaces).")
    String bind = "0.0.0.0";

    @Option(names = "--max-body", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Largest request body, e.g. 1G, 200M, 65536. Default: 1G.")
    long maxBody = ServiceConfig.GIB;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", description = "Dialing a peer address. Default: ${DEFAULT-VALUE}.")
    int connectTimeout = 5;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", description = "Idle connections (and stalled clients) are closed after this. Default: ${DEFAULT-VALUE}.")
    int idleTimeout = 30;

    @Option(names = "--call-timeout", paramLabel = "SECONDS", description = "Until a peer's response headers arrive. Default: ${DEFAULT-VALUE}.")
    int callTimeout = 120;

    @Option(names = "--max-calls-per-peer", paramLabel = "N", description = "Concurrent calls to or from one peer. Default: ${DEFAULT-VALUE}.")
    int maxCallsPerPeer = 16;

    @Option(names = "--max-calls-per-app", paramLabel = "N", description = "Concurrent calls of or to one app. Default: ${DEFAULT-VALUE}.")
    int maxCallsPerApp = 32;

    @Option(names = "--max-peer-connections", paramLabel = "N",
            description = "Open connections to the peer listener; beyond, new ones wait until one closes. Default: ${DEFAULT-VALUE}.")
    int maxPeerConnections = ServiceConfig.DEFAULT_MAX_PEER_CONNECTIONS;

    @Option(names = "--max-api-connections", paramLabel = "N",
            description = "Open connections to the local API; beyond, new ones wait until one closes. Default: ${DEFAULT-VALUE}.")
    int maxApiConnections = ServiceConfig.DEFAULT_MAX_API_CONNECTIONS;

    @Spec
    CommandSpec spec;

    /** Held so the level sticks (java.util.logging keeps loggers weakly). */
    private static final Logger JETTY = Logger.getLogger("org.eclipse.jetty");

    @Override
    public Integer call() {
        ServiceConfig config = config();
        DataDirectory directory = dataDir.directory().ensureExists();
        Optional<ServiceFile> running = ServiceFile.live(directory.path());
        if (running.isPresent()) {
            throw new CliException("a peer service already runs on " + directory + " (pid " + running.get().pid()
                    + ", local API on port " + running.get().apiPort() + "); stop it first", ExitCodes.REFUSED);
        }
        PrintWriter out = spec.commandLine().getOut();
        logToStdout();
        PortalConsole console = PortalConsole.open(directory).startWatching(DatabaseWatcher.DEFAULT_INTERVAL);
        PeerService service;
        try {
            service = console.startService(config);
        } catch (ServiceException e) {
            console.close();
            throw new CliException(e.getMessage(), ExitCodes.REFUSED);
        }
        out.println("Portal " + console.identity().id().shortId() + " (" + console.profile().name() + "), "
                + console.identity().id().display());
        out.println("Local API:     http://" + service.apiHost() + ":" + service.apiPort());
        out.println("Peer listener: " + config.bind() + ":" + service.peerPort());
        out.println("Data folder:   " + directory);
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // SIGTERM / Ctrl-C: stop gracefully, then exit 0 (the JVM would otherwise report 143).
            out.println("Stopping: no new calls; calls in flight may finish (at most "
                    + config.stopTimeout().toSeconds() + " s).");
            out.flush();
            console.close();
            out.println("Stopped.");
            out.flush();
            stopped.countDown();
            Runtime.getRuntime().halt(ExitCodes.OK);
        }, "serve-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitCodes.OK;
    }

    private ServiceConfig config() {
        for (int port : new int[] {apiPort, peerPort}) {
            if (port < 0 || port > 65535) {
                throw new CliException("port " + port + " is not between 0 and 65535", ExitCodes.USAGE);
            }
        }
        if (connectTimeout <= 0 || idleTimeout <= 0 || callTimeout <= 0 || maxCallsPerPeer <= 0 || maxCallsPerApp <= 0
                || maxPeerConnections <= 0 || maxApiConnections <= 0 || maxBody <= 0) {
            throw new CliException("timeouts, limits and --max-body must be positive", ExitCodes.USAGE);
        }
        return ServiceConfig.defaults().withPorts(apiPort, peerPort).withBind(bind).withMaxBody(maxBody)
                .withTimeouts(Duration.ofSeconds(connectTimeout), Duration.ofSeconds(idleTimeout),
                        Duration.ofSeconds(callTimeout))
                .withCallLimits(maxCallsPerPeer, maxCallsPerApp).withMaxPeerConnections(maxPeerConnections)
                .withMaxApiConnections(maxApiConnections);
    }

    /** {@code serve} is run by scripts and service managers: one log line per event, on stdout. */
    private static void logToStdout() {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            if (handler instanceof ConsoleHandler) {
                root.removeHandler(handler);
            }
        }
        // Not System.out itself: the log manager closes its handlers at shutdown, before serve prints "Stopped.".
        java.io.OutputStream unclosable = new java.io.FilterOutputStream(System.out) {
            @Override
            public void write(byte[] b, int off, int len) {
                System.out.write(b, off, len);
            }

            @Override
            public void close() {
                System.out.flush();
            }
        };
        StreamHandler stdout = new StreamHandler(unclosable, new LineFormatter(ZoneId.systemDefault())) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                // Call log lines come in batches, flushed once a batch (one write instead of one per call).
                if (!ActivityRecorder.CALL_LOG.equals(record.getLoggerName())) {
                    flush();
                }
            }
        };
        stdout.setLevel(Level.INFO);
        root.addHandler(stdout);
        JETTY.setLevel(Level.WARNING);
    }

    static final class SizeConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            String v = value.strip().toUpperCase(Locale.ROOT).replace("IB", "").replace("B", "");
            long factor = 1;
            if (v.endsWith("K")) {
                factor = 1L << 10;
            } else if (v.endsWith("M")) {
                factor = 1L << 20;
            } else if (v.endsWith("G")) {
                factor = 1L << 30;
            }
            if (factor > 1) {
                v = v.substring(0, v.length() - 1);
            }
            try {
                return Math.multiplyExact(Long.parseLong(v.strip()), factor);
            } catch (NumberFormatException | ArithmeticException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a size like 1G, 200M or 65536");
            }
        }
    }
}
