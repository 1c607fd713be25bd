package io.portal.console.ui.apps;

import static io.portal.console.ui.common.Ui.label;
import static io.portal.console.ui.common.Ui.text;

import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Shows an app's new token once: selectable, monospace, with a Copy button and a warning that it will not come back. */
final class TokenDialog {
    private TokenDialog() {
    }

    static Dialog<ButtonType> show(Window owner, IssuedToken token, Consumer<IssuedToken> copy, Runnable closed) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(text("apps.token.title"));
        dialog.setHeaderText(text(token.rotated() ? "apps.token.header.rotated" : "apps.token.header.added",
                token.appName()));
        dialog.getDialogPane().setId("tokenDialog");
        dialog.getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
        dialog.getDialogPane().getStyleClass().add("token-dialog");

        TextField field = new TextField(token.token());
        field.setId("tokenField");
        field.setEditable(false);
        field.getStyleClass().addAll("mono", "token-field");
        field.setPrefColumnCount(token.token().length());
        HBox.setHgrow(field, Priority.ALWAYS);
        Button copyButton = new Button(text("apps.token.copy"), new FontIcon(Feather.COPY));
        copyButton.setId("copyToken");
        copyButton.getStyleClass().add("accent");
        copyButton.setOnAction(e -> copy.accept(token));
        HBox row = new HBox(8, field, copyButton);

        Label warning = label(text("apps.token.once"), "warning-text");
        warning.setWrapText(true);
        Label usage = label(text("apps.token.usage"), "muted-text");
        usage.setWrapText(true);
        VBox content = new VBox(12, row, warning, usage);
        content.setPrefWidth(640);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().add(new ButtonType(text("apps.token.done"), ButtonType.OK.getButtonData()));
        dialog.setOnShown(e -> {
            field.requestFocus();
            field.selectAll();
        });
        dialog.setOnHidden(e -> closed.run());
        dialog.show();
        return dialog;
    }
}
