package io.portal.console.ui.peers;

import javafx.application.Platform;
import javafx.scene.control.TableCell;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * A peer's name, renamed in place. Enter commits, Escape cancels, and so does nothing else but moving the focus
 * elsewhere in the window (clicking a button, another row, the filter): that commits what was typed, as owners expect
 * from a rename in place. Switching to another window leaves the edit open.
 *
 * <p>JavaFX's own text-field cell commits on Enter only; an edit left open holds the table's reloads (see
 * {@link PeersViewModel#editingProperty()}), so the owner's next action would not show until it ended.
 */
final class NameCell extends TableCell<PeerRow, String> {
    private TextField field;

    NameCell() {
        // The theme draws the edited cell's accent ring for JavaFX's text-field cells by this class.
        getStyleClass().add("text-field-table-cell");
    }

    @Override
    public void startEdit() {
        super.startEdit();
        if (!isEditing()) {
            return; // an empty cell, or the table or column is not editable
        }
        TextField editor = new TextField(getItem());
        editor.setId("peerNameEditor");
        editor.setOnAction(e -> {
            commitEdit(editor.getText());
            e.consume();
        });
        editor.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                cancelEdit();
                e.consume();
            }
        });
        editor.focusedProperty().addListener((obs, was, focused) -> {
            // Focus leaves the field within the window (not when the window itself loses focus). Committed once the
            // focus change is done: removing the field while it is under way leaves the cell marked focus-within.
            if (!focused && editor.getScene() != null && editor.getScene().getWindow() != null
                    && editor.getScene().getWindow().isFocused()) {
                Platform.runLater(() -> {
                    if (isEditing() && field == editor) {
                        commitEdit(editor.getText());
                    }
                });
            }
        });
        field = editor;
        setText(null);
        setGraphic(editor);
        editor.selectAll();
        editor.requestFocus();
    }

    @Override
    public void cancelEdit() {
        super.cancelEdit();
        showName(getItem());
    }

    @Override
    public void commitEdit(String name) {
        super.commitEdit(name);
        showName(name);
    }

    /** Commits what is typed, when this cell is being edited. */
    void commitTyped() {
        if (isEditing() && field != null) {
            commitEdit(field.getText());
        }
    }

    @Override
    protected void updateItem(String name, boolean empty) {
        super.updateItem(name, empty);
        if (empty) {
            field = null;
            setText(null);
            setGraphic(null);
        } else if (isEditing() && field != null) {
            field.setText(name);
            setText(null);
            setGraphic(field);
        } else {
            showName(name);
        }
    }

    private void showName(String name) {
        field = null;
        setGraphic(null);
        setText(name);
    }
}
