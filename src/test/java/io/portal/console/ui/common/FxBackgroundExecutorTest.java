package io.portal.console.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class FxBackgroundExecutorTest {
    private final List<String> delivered = new CopyOnWriteArrayList<>();

    @Test
    void aHoldingExecutorDeliversNothingUntilReleasedThenAllInOrderOnTheFxThread() throws Exception {
        try (FxBackgroundExecutor executor = FxBackgroundExecutor.holding()) {
            CountDownLatch worked = new CountDownLatch(1);
            executor.submit(() -> {
                worked.countDown();
                return "result";
            }, this::record, e -> record("failed: " + e));
            assertThat(worked.await(5, TimeUnit.SECONDS)).isTrue();
            // The result is handed over just after the work returns, on the pool's thread: wait for that, or the
            // action below may be handed over before it.
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> executor.heldCount() == 1);
            executor.onUiThread(() -> record("action"));
            executor.submit(() -> {
                throw new IllegalStateException("no");
            }, this::record, e -> record("failed: " + e.getMessage()));
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> executor.heldCount() == 3);
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(delivered).isEmpty();

            WaitForAsyncUtils.asyncFx(executor::release).get(5, TimeUnit.SECONDS);

            assertThat(delivered).containsExactly("result on FX", "action on FX", "failed: no on FX");
            executor.submit(() -> "later", this::record, e -> record("failed: " + e));
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> delivered.size() == 4);
            assertThat(delivered).last().isEqualTo("later on FX");
        }
    }

    @Test
    void anOrdinaryExecutorDeliversAtOnce() throws Exception {
        try (FxBackgroundExecutor executor = new FxBackgroundExecutor()) {
            executor.submit(() -> "result", this::record, e -> record("failed: " + e));

            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> delivered.size() == 1);
            assertThat(delivered).containsExactly("result on FX");
        }
    }

    private void record(String what) {
        delivered.add(what + (Platform.isFxApplicationThread() ? " on FX" : " elsewhere"));
    }
}
