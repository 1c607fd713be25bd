package io.portal.console.bench;

import io.portal.console.app.DataDirectory;
import io.portal.console.app.PortalConsole;
import io.portal.console.service.ServiceConfig;
import io.portal.console.store.DatabaseWatcher;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Stands in for {@code portal-console serve --api-port 0 --peer-port 0 --bind 127.0.0.1} in builds that have the
 * peer service but not yet its command: the same composition root and service, which writes {@code service.json}.
 *
 * <p>Usage: {@code PortalServe DATA-DIR [MAX-CALLS-PER-PEER MAX-CALLS-PER-APP]}
 */
public final class PortalServe {
    private PortalServe() {
    }

    public static void main(String[] args) throws InterruptedException {
        ServiceConfig config = ServiceConfig.ephemeral();
        if (args.length > 2) {
            config = config.withCallLimits(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        }
        PortalConsole console = PortalConsole.open(new DataDirectory(Path.of(args[0])))
                .startWatching(DatabaseWatcher.DEFAULT_INTERVAL);
        console.startService(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            console.close();
            stopped.countDown();
        }));
        stopped.await();
    }
}
