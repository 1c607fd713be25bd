package io.portal.console.ui.peers;

import java.io.File;
import java.util.List;
import java.util.Optional;
import javafx.scene.image.Image;
import javafx.scene.input.Clipboard;

/** What the clipboard holds that could carry a Portal ID; injectable for tests. */
public interface PasteSource {
    Optional<Image> image();

    List<File> files();

    Optional<String> text();

    PasteSource SYSTEM = new PasteSource() {
        @Override
        public Optional<Image> image() {
            Clipboard clipboard = Clipboard.getSystemClipboard();
            return clipboard.hasImage() ? Optional.ofNullable(clipboard.getImage()) : Optional.empty();
        }

        @Override
        public List<File> files() {
            Clipboard clipboard = Clipboard.getSystemClipboard();
            return clipboard.hasFiles() ? clipboard.getFiles() : List.of();
        }

        @Override
        public Optional<String> text() {
            Clipboard clipboard = Clipboard.getSystemClipboard();
            return clipboard.hasString() ? Optional.ofNullable(clipboard.getString()) : Optional.empty();
        }
    };
}
