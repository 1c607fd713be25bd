package io.portal.console.ui.common;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.stage.Window;

/** Open and save dialogs, injectable so UI tests can answer them without a native dialog. */
public interface FileDialogs {
    Optional<Path> chooseSave(Window owner, String title, String initialName, String filterDescription, String... patterns);

    Optional<Path> chooseOpen(Window owner, String title, String filterDescription, String... patterns);

    /** A fake for tests: answers every dialog from the queues it was given. */
    static FileDialogs answering(List<Path> saves, List<Path> opens) {
        return new FileDialogs() {
            @Override
            public Optional<Path> chooseSave(Window owner, String title, String initialName, String filterDescription,
                    String... patterns) {
                return saves.isEmpty() ? Optional.empty() : Optional.of(saves.remove(0));
            }

            @Override
            public Optional<Path> chooseOpen(Window owner, String title, String filterDescription, String... patterns) {
                return opens.isEmpty() ? Optional.empty() : Optional.of(opens.remove(0));
            }
        };
    }
}
