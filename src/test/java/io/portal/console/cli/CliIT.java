package io.portal.console.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.portal.console.testing.JavaProcess;
import io.portal.console.testing.JavaProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar on the command line. */
class CliIT {
    @TempDir
    Path dir;

    @Test
    void version() throws Exception {
        Result result = JavaProcess.runJar("--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().strip()).matches("portal-console \\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void idIsCreatedOnceAndPrintedTheSameEachTime() throws Exception {
        Result first = JavaProcess.runJar("id", "--data-dir", dir.toString());
        Result second = JavaProcess.runJar("--data-dir", dir.toString(), "id");

        assertThat(first.exitCode()).isZero();
        assertThat(first.err()).isEmpty();
        assertThat(first.out().strip()).matches("([A-Z2-7]{7}-){7}[A-Z2-7]{7}");
        assertThat(second.out()).isEqualTo(first.out());
    }

    @Test
    void badInputGivesExitCodesAndOneLineMessages() throws Exception {
        Result unknownCommand = JavaProcess.runJar("frobnicate");
        Result unknownOption = JavaProcess.runJar("id", "--frob", "--data-dir", dir.toString());
        Files.writeString(dir.resolve("identity.pem"), "garbage");
        Result corrupt = JavaProcess.runJar("id", "--data-dir", dir.toString());

        assertThat(unknownCommand.exitCode()).isEqualTo(2);
        assertThat(unknownOption.exitCode()).isEqualTo(2);
        assertThat(corrupt.exitCode()).isEqualTo(3);
        assertThat(corrupt.err().strip().lines()).hasSize(1);
        for (Result result : new Result[] {unknownCommand, unknownOption, corrupt}) {
            assertThat(result.err()).startsWith("portal-console: ").doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(result.out()).isEmpty();
        }
    }
}
