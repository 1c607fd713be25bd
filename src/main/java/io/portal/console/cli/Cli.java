package io.portal.console.cli;

import io.portal.console.app.ConsoleApplication;
import io.portal.console.app.DataDirectory;
import io.portal.console.app.PortalConsole;
import io.portal.console.identity.IdentityException;
import io.portal.console.store.StoreException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine;

/** Runs the command line; turns every refusal into a message on stderr and an exit code. */
public final class Cli {
    /** Returned when the GUI (or another long-running door) took over and the JVM must stay up. */
    public static final int KEEP_RUNNING = Integer.MIN_VALUE;

    private Cli() {
    }

    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        Optional<GuiArguments> gui = GuiArguments.parse(args);
        if (gui.isPresent()) {
            try {
                ConsoleApplication.launchWith(DataDirectory.choose(gui.get().dataDir()));
                return ExitCodes.OK;
            } catch (RuntimeException e) {
                return refused(e, err);
            }
        }
        CommandLine commandLine = commandLine(out, err);
        return commandLine.execute(args);
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new RootCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> refused(e, cl.getErr()));
        commandLine.setParameterExceptionHandler((e, args) -> {
            CommandLine cl = e.getCommandLine();
            cl.getErr().println("portal-console: " + e.getMessage());
            cl.getErr().println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
            cl.getErr().flush();
            return ExitCodes.USAGE;
        });
        return commandLine;
    }

    /** Says why a command (or the window) could not do its work, and gives the exit code for it. */
    static int refused(Exception e, PrintWriter err) {
        err.println("portal-console: " + describe(e));
        err.flush();
        if (e instanceof CliException cli) {
            return cli.exitCode();
        }
        return e instanceof IdentityException || e instanceof StoreException || e instanceof IllegalStateException
                ? ExitCodes.DATA : ExitCodes.REFUSED;
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return "unexpected " + e.getClass().getSimpleName();
        }
        return message;
    }

    /** Opens the console's data for one command and closes it afterwards. */
    static <T> T withConsole(DataDirectory directory, Function<PortalConsole, T> work) {
        try (PortalConsole console = PortalConsole.open(directory)) {
            return work.apply(console);
        }
    }
}
