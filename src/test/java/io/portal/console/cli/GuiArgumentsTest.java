package io.portal.console.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** The window's own reading of its command line must agree with picocli wherever it answers at all. */
class GuiArgumentsTest {
    static Stream<Arguments> windowCommandLines() {
        return lines(
                new String[] {},
                new String[] {"--data-dir", "/tmp/portal"},
                new String[] {"--data-dir=/tmp/portal"},
                new String[] {"--data-dir", "relative/folder"},
                new String[] {"--data-dir", "with space"},
                new String[] {"--data-dir=a=b"},
                new String[] {"--data-dir", "\"quoted\""});
    }

    static Stream<Arguments> otherCommandLines() {
        return lines(
                new String[] {"gui"},
                new String[] {"gui", "--data-dir", "/tmp/portal"},
                new String[] {"--data-dir", "/tmp/portal", "gui"},
                new String[] {"id"},
                new String[] {"--data-dir", "/tmp/portal", "id"},
                new String[] {"--help"},
                new String[] {"-h"},
                new String[] {"--version"},
                new String[] {"-V"},
                new String[] {"--data-dir"},
                new String[] {"--data-dir="},
                new String[] {"--data-dir", ""},
                new String[] {"--data-dir", "--version"},
                new String[] {"--data-dir", "-h"},
                new String[] {"--data-dir", "a", "--data-dir", "b"},
                new String[] {"--data-dir", "@args.txt"},
                new String[] {"--datadir", "/tmp/portal"},
                new String[] {"--data-dir=/tmp/portal", "extra"},
                new String[] {"--bogus"},
                new String[] {"frobnicate"},
                new String[] {"-"},
                new String[] {"--"},
                new String[] {"--data-dir", "a\0b"});
    }

    private static Stream<Arguments> lines(String[]... commandLines) {
        return Stream.of(commandLines).map(args -> Arguments.of((Object) args));
    }

    @ParameterizedTest
    @MethodSource("windowCommandLines")
    void opensTheWindowOnTheFolderPicocliReads(String[] args) {
        ParseResult picocli = Cli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
                .parseArgs(args);
        assertThat(picocli.hasSubcommand()).isFalse();
        assertThat(picocli.isUsageHelpRequested() || picocli.isVersionHelpRequested()).isFalse();
        Path picocliFolder = picocli.hasMatchedOption("--data-dir") ? picocli.matchedOptionValue("--data-dir", null) : null;

        Optional<GuiArguments> parsed = GuiArguments.parse(args);

        assertThat(parsed).isPresent();
        assertThat(parsed.get().dataDir()).isEqualTo(picocliFolder);
    }

    @ParameterizedTest
    @MethodSource("otherCommandLines")
    void leavesEverythingElseToPicocli(String[] args) {
        assertThat(GuiArguments.parse(args)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("otherCommandLines")
    void mistakesGetTheSameMessageAndExitCodeAsFromPicocliAlone(String[] args) {
        try {
            Cli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())).parseArgs(args);
            return; // Not a mistake: a command, help or version, which picocli runs as before.
        } catch (CommandLine.ParameterException expected) {
            // A mistake: compare below.
        }
        StringWriter picocliErr = new StringWriter();
        int picocliExit = Cli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(picocliErr, true))
                .execute(args);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exitCode = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);

        assertThat(exitCode).isEqualTo(picocliExit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).isEqualTo(picocliErr.toString()).startsWith("portal-console: ");
        assertThat(out.toString()).isEmpty();
    }
}
