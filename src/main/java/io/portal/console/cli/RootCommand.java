package io.portal.console.cli;

import io.portal.console.app.Version;
import io.portal.console.app.ConsoleApplication;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;

@Command(name = "portal-console", mixinStandardHelpOptions = true, versionProvider = RootCommand.VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"The owner's console for a Portal, with its embedded peer service.",
                "Without a command, opens the console window."},
        subcommands = {IdCommand.class, PeersCommand.class, AppsCommand.class, ShareCommand.class, ServeCommand.class,
                RootCommand.GuiCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:refused (bad input; nothing was changed)", "2:wrong command line",
                "3:the data folder cannot be used"})
final class RootCommand implements Callable<Integer> {
    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() {
        return GuiCommand.launch(dataDir);
    }

    static final class VersionProvider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"portal-console " + Version.get()};
        }
    }

    @Command(name = "gui", description = "Opens the console window (the same as no command).",
            mixinStandardHelpOptions = true)
    static final class GuiCommand implements Callable<Integer> {
        @Mixin
        DataDirOption dataDir;

        @Override
        public Integer call() {
            return launch(dataDir);
        }

        static int launch(DataDirOption dataDir) {
            ConsoleApplication.launchWith(dataDir.directory());
            return ExitCodes.OK;
        }
    }
}
