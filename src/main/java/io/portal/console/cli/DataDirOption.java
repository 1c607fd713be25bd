package io.portal.console.cli;

import io.portal.console.app.DataDirectory;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --data-dir}, mixed into every command so it is accepted before or after the command name. */
public final class DataDirOption {
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data folder (identity, database). Default: $PORTAL_CONSOLE_HOME, else the per-user data folder of the OS.")
    Path dataDir;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** The folder named closest to the command ({@code id --data-dir X} wins over {@code --data-dir Y id}). */
    public DataDirectory directory() {
        return DataDirectory.choose(resolve());
    }

    private Path resolve() {
        if (dataDir != null) {
            return dataDir;
        }
        for (CommandSpec spec = mixee == null ? null : mixee.parent(); spec != null; spec = spec.parent()) {
            Object mixin = spec.mixins().get("dataDir") == null ? null : spec.mixins().get("dataDir").userObject();
            if (mixin instanceof DataDirOption option && option.dataDir != null) {
                return option.dataDir;
            }
        }
        return null;
    }
}
