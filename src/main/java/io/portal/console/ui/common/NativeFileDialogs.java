package io.portal.console.ui.common;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The platform's file chooser. */
public final class NativeFileDialogs implements FileDialogs {
    @Override
    public Optional<Path> chooseSave(Window owner, String title, String initialName, String filterDescription,
            String... patterns) {
        FileChooser chooser = chooser(title, filterDescription, patterns);
        chooser.setInitialFileName(initialName);
        return Optional.ofNullable(chooser.showSaveDialog(owner)).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseOpen(Window owner, String title, String filterDescription, String... patterns) {
        return Optional.ofNullable(chooser(title, filterDescription, patterns).showOpenDialog(owner)).map(File::toPath);
    }

    private static FileChooser chooser(String title, String filterDescription, String... patterns) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(filterDescription, patterns));
        return chooser;
    }
}
