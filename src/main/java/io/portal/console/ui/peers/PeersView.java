package io.portal.console.ui.peers;

import static io.portal.console.ui.common.Ui.label;
import static io.portal.console.ui.common.Ui.text;

import io.portal.console.identity.PortalId;
import io.portal.console.ui.common.FileDialogs;
import io.portal.console.ui.common.ScreenView;
import io.portal.console.ui.common.Ui;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The peers screen: a filterable table of friends' Portals, with adding by paste, picture or screen scan. */
public final class PeersView implements ScreenView {
    public static final Duration UNDO_TIME = Duration.seconds(6);
    private static final PseudoClass BLOCKED = PseudoClass.getPseudoClass("blocked");

    private final PeersViewModel model;
    private final FileDialogs fileDialogs;
    private final ScreenCapture screenCapture;
    private final PasteSource pasteSource;
    private final String stylesheet;
    private final BorderPane root = new BorderPane();
    private final TableView<PeerRow> table = new TableView<>();
    private final TableColumn<PeerRow, String> nameColumn = new TableColumn<>(text("peers.column.name"));
    private final PauseTransition undoTimer = new PauseTransition(UNDO_TIME);
    private AddPeerDialog openDialog;
    /** The peer the owner selected; kept while a filter hides it, selected again when it shows. */
    private PortalId selectedId;
    private boolean restoringSelection;

    public PeersView(PeersViewModel model, FileDialogs fileDialogs, ScreenCapture screenCapture,
            PasteSource pasteSource, String stylesheet) {
        this.model = model;
        this.fileDialogs = fileDialogs;
        this.screenCapture = screenCapture;
        this.pasteSource = pasteSource;
        this.stylesheet = stylesheet;
        root.getStyleClass().add("peers");
        root.setId("peersScreen");

        Label title = label(text("nav.peers"), "screen-title");
        Label count = label("", "status-text");
        count.setId("peerCount");
        count.textProperty().bind(Bindings.createStringBinding(() -> countText(),
                model.totalProperty(), model.rows(), model.filterProperty()));
        TextField filter = new TextField();
        filter.setId("peerFilter");
        filter.setPromptText(text("peers.filter.prompt"));
        filter.setPrefColumnCount(22);
        filter.textProperty().bindBidirectional(model.filterProperty());
        Button add = new Button(text("peers.add"), new FontIcon(Feather.USER_PLUS));
        add.setId("addPeer");
        add.getStyleClass().add("accent");
        add.setOnAction(e -> openAddDialog(d -> { }));
        HBox header = new HBox(12, title, count, Ui.hSpacer(), filter, add);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("peers-header");
        root.setTop(header);

        buildTable();
        Label undoText = label("", "undo-text");
        undoText.setId("undoMessage");
        undoText.textProperty().bind(model.undoMessageProperty());
        Button undo = new Button(text("peers.undo"), new FontIcon(Feather.ROTATE_CCW));
        undo.setId("undoRemove");
        undo.getStyleClass().add("flat");
        undo.setOnAction(e -> model.undo());
        Button dismiss = new Button(null, new FontIcon(Feather.X));
        dismiss.getStyleClass().addAll("flat", "button-icon");
        dismiss.setOnAction(e -> model.dismissUndo());
        HBox undoBar = new HBox(12, new FontIcon(Feather.TRASH_2), undoText, Ui.hSpacer(), undo, dismiss);
        undoBar.setId("undoBar");
        undoBar.getStyleClass().add("undo-bar");
        undoBar.setAlignment(Pos.CENTER_LEFT);
        undoBar.managedProperty().bind(model.undoableProperty().isNotNull());
        undoBar.visibleProperty().bind(undoBar.managedProperty());
        undoTimer.setOnFinished(e -> model.dismissUndo());
        model.undoableProperty().addListener((obs, old, now) -> {
            if (now != null) {
                undoTimer.playFromStart();
            } else {
                undoTimer.stop();
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox center = new VBox(table, undoBar);
        center.getStyleClass().add("peers-center");
        root.setCenter(center);

        Label status = label("", "status-text");
        status.setId("peersStatus");
        status.textProperty().bind(model.statusProperty());
        Label hint = label(text("peers.hint"), "status-text");
        HBox statusBar = new HBox(16, status, Ui.hSpacer(), hint);
        statusBar.getStyleClass().add("status-bar");
        statusBar.setAlignment(Pos.CENTER_LEFT);
        root.setBottom(statusBar);

        root.setOnDragOver(e -> {
            if (AddPeerDialog.acceptable(e.getDragboard())) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        root.setOnDragDropped(e -> {
            var board = e.getDragboard();
            boolean[] done = {false};
            openAddDialog(d -> done[0] = d.drop(board));
            e.setDropCompleted(done[0]);
            e.consume();
        });
        root.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (new KeyCodeCombination(KeyCode.V, KeyCombination.SHORTCUT_DOWN).match(e)
                    && !(e.getTarget() instanceof javafx.scene.control.TextInputControl)) {
                openAddDialog(AddPeerDialog::paste);
                e.consume();
            }
        });
    }

    private String countText() {
        int total = model.totalProperty().get();
        int shown = model.rows().size();
        if (model.filterProperty().get() == null || model.filterProperty().get().isBlank() || shown == total) {
            return total == 0 ? text("peers.count.none") : total == 1 ? text("peers.count.one") : text("peers.count", total);
        }
        return text("peers.count.filtered", shown, total);
    }

    private void buildTable() {
        table.setId("peersTable");
        table.setEditable(true);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        model.orderProperty().bind(table.comparatorProperty());
        // The model's rows sort themselves by the table's comparator; the default policy would sort the list itself.
        table.setSortPolicy(t -> true);
        table.setItems(model.rows());
        model.editingProperty().bind(table.editingCellProperty().isNotNull());

        nameColumn.setId("nameColumn");
        nameColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().name()));
        nameColumn.setComparator(String.CASE_INSENSITIVE_ORDER);
        nameColumn.setCellFactory(column -> new NameCell());
        nameColumn.setOnEditCommit(e -> {
            PeerRow row = e.getRowValue();
            if (model.rename(row, e.getNewValue()).isPresent() || e.getNewValue().strip().equals(row.name())) {
                table.refresh(); // nothing is renamed (refused, or the same name): the cell shows the peer's name again
            }
        });
        nameColumn.setPrefWidth(190);
        nameColumn.setMinWidth(120);

        TableColumn<PeerRow, String> idColumn = new TableColumn<>(text("peers.column.id"));
        idColumn.setId("idColumn");
        idColumn.setEditable(false);
        idColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().shortId()));
        idColumn.setCellFactory(column -> new TableCell<>() {
            // Set once, not per update: every style-class change makes the cell's CSS be worked out again.
            private final Tooltip tooltip = new Tooltip();

            {
                getStyleClass().add("mono");
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                PeerRow row = empty ? null : getTableRow().getItem();
                setText(row == null ? null : item);
                if (row != null) {
                    tooltip.setText(text("peers.id.tooltip", row.displayId()));
                }
                setTooltip(row == null ? null : tooltip);
            }
        });
        idColumn.setPrefWidth(90);
        idColumn.setMinWidth(80);

        TableColumn<PeerRow, PeerRow> statusColumn = new TableColumn<>(text("peers.column.status"));
        statusColumn.setId("statusColumn");
        statusColumn.setEditable(false);
        statusColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        statusColumn.setComparator(Comparator.comparingLong(PeerRow::statusRank));
        statusColumn.setCellFactory(column -> new TableCell<>() {
            private final javafx.scene.shape.Circle dot = new javafx.scene.shape.Circle(4);
            private final FontIcon blockedIcon = new FontIcon(Feather.SLASH);

            private String statusClass;

            {
                dot.getStyleClass().setAll("status-dot");
            }

            @Override
            protected void updateItem(PeerRow row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null) {
                    setText(null);
                    setGraphic(null);
                    setStatusClass(null);
                    return;
                }
                setText(row.statusText());
                setGraphic(row.blocked() ? blockedIcon : dot);
                setStatusClass(row.blocked() ? "status-blocked" : switch (row.status()) {
                    case ONLINE -> "status-online";
                    case OFFLINE -> "status-offline";
                    case NEVER_SEEN -> "status-never";
                });
            }

            /** Changes the style class only when the status changes: a filter re-uses cells for similar rows. */
            private void setStatusClass(String wanted) {
                if (java.util.Objects.equals(wanted, statusClass)) {
                    return;
                }
                if (statusClass != null) {
                    getStyleClass().remove(statusClass);
                }
                if (wanted != null) {
                    getStyleClass().add(wanted);
                }
                statusClass = wanted;
            }
        });
        statusColumn.setPrefWidth(300);
        statusColumn.setMinWidth(200);

        TableColumn<PeerRow, String> addressColumn = new TableColumn<>(text("peers.column.addresses"));
        addressColumn.setId("addressColumn");
        addressColumn.setEditable(false);
        addressColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().addressesText()));
        addressColumn.setPrefWidth(240);

        TableColumn<PeerRow, Integer> appsColumn = new TableColumn<>(text("peers.column.apps"));
        appsColumn.setId("appsColumn");
        appsColumn.setEditable(false);
        appsColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().sharedApps()));
        appsColumn.getStyleClass().add("number-column");
        appsColumn.setPrefWidth(105);
        appsColumn.setMinWidth(90);

        table.getColumns().setAll(java.util.List.of(nameColumn, idColumn, statusColumn, addressColumn, appsColumn));
        table.getSortOrder().add(nameColumn);

        table.setRowFactory(t -> {
            TableRow<PeerRow> row = new TableRow<>() {
                // Built once per row and state, not per update; the actions act on the row's item when chosen.
                private ContextMenu forActive;
                private ContextMenu forBlocked;

                @Override
                protected void updateItem(PeerRow item, boolean empty) {
                    super.updateItem(item, empty);
                    pseudoClassStateChanged(BLOCKED, !empty && item != null && item.blocked());
                    if (empty || item == null) {
                        setContextMenu(null);
                    } else if (item.blocked()) {
                        forBlocked = forBlocked != null ? forBlocked : contextMenu(this::getItem, true);
                        setContextMenu(forBlocked);
                    } else {
                        forActive = forActive != null ? forActive : contextMenu(this::getItem, false);
                        setContextMenu(forActive);
                    }
                }
            };
            return row;
        });
        table.setPlaceholder(placeholder());

        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (!model.updatingProperty().get() && !restoringSelection) {
                selectedId = now == null ? null : now.peer().id();
            }
        });
        model.updatingProperty().addListener((obs, was, updating) -> {
            if (!updating) {
                restoreSelection();
            }
        });
        table.setOnKeyPressed(e -> {
            PeerRow selected = table.getSelectionModel().getSelectedItem();
            if (selected == null || table.getEditingCell() != null) {
                return;
            }
            if (e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) {
                confirmRemove(selected);
                e.consume();
            } else if (e.getCode() == KeyCode.F2) {
                startRename(selected);
                e.consume();
            } else if (new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN).match(e)) {
                model.copyId(selected);
                e.consume();
            }
        });
    }

    /**
     * After the rows changed, selects the owner's peer again, or nothing while it is hidden: the table's own guess
     * (shifting the selected index) can land on another peer when rows leave on both sides of it.
     */
    private void restoreSelection() {
        int wanted = -1;
        if (selectedId != null) {
            List<PeerRow> rows = table.getItems();
            for (int i = 0; i < rows.size() && wanted < 0; i++) {
                if (rows.get(i).peer().id().equals(selectedId)) {
                    wanted = i;
                }
            }
        }
        var selection = table.getSelectionModel();
        PeerRow current = selection.getSelectedItem();
        if (selection.getSelectedIndex() == wanted && current == (wanted < 0 ? null : table.getItems().get(wanted))) {
            return;
        }
        restoringSelection = true;
        try {
            if (wanted < 0) {
                selection.clearSelection();
            } else {
                selection.clearAndSelect(wanted);
            }
        } finally {
            restoringSelection = false;
        }
    }

    private Parent placeholder() {
        FontIcon icon = new FontIcon(Feather.USERS);
        icon.getStyleClass().add("placeholder-icon");
        Label heading = label("", "placeholder-title");
        heading.setId("placeholderTitle");
        Label hint = label("", "placeholder-hint");
        hint.setWrapText(true);
        hint.setMaxWidth(440);
        hint.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        var filtering = Bindings.createBooleanBinding(() -> model.totalProperty().get() > 0, model.totalProperty());
        heading.textProperty().bind(Bindings.when(filtering)
                .then(Bindings.createStringBinding(() -> text("peers.empty.noMatch", model.filterProperty().get()),
                        model.filterProperty()))
                .otherwise(Bindings.when(model.loadedProperty()).then(text("peers.empty.title")).otherwise("")));
        hint.textProperty().bind(Bindings.when(filtering).then(text("peers.empty.noMatchHint"))
                .otherwise(text("peers.empty.hint")));
        Button add = new Button(text("peers.add"), new FontIcon(Feather.USER_PLUS));
        add.setId("placeholderAdd");
        add.getStyleClass().add("accent");
        add.setOnAction(e -> openAddDialog(d -> { }));
        add.visibleProperty().bind(filtering.not().and(model.loadedProperty()));
        icon.visibleProperty().bind(model.loadedProperty());
        VBox box = new VBox(12, icon, heading, hint, add);
        box.setAlignment(Pos.CENTER);
        box.getStyleClass().add("peers-placeholder");
        return box;
    }

    private ContextMenu contextMenu(java.util.function.Supplier<PeerRow> row, boolean blocked) {
        MenuItem rename = new MenuItem(text("peers.menu.rename"), new FontIcon(Feather.EDIT_2));
        rename.setAccelerator(new KeyCodeCombination(KeyCode.F2));
        rename.setOnAction(e -> startRename(row.get()));
        MenuItem addresses = new MenuItem(text("peers.menu.addresses"), new FontIcon(Feather.SERVER));
        addresses.setOnAction(e -> editAddresses(row.get()));
        MenuItem copy = new MenuItem(text("peers.menu.copy"), new FontIcon(Feather.COPY));
        copy.setOnAction(e -> model.copyId(row.get()));
        MenuItem block = new MenuItem(text(blocked ? "peers.menu.unblock" : "peers.menu.block"),
                new FontIcon(blocked ? Feather.UNLOCK : Feather.SLASH));
        block.setId("blockMenuItem");
        block.setOnAction(e -> model.toggleBlocked(row.get()));
        MenuItem remove = new MenuItem(text("peers.menu.remove"), new FontIcon(Feather.TRASH_2));
        remove.setAccelerator(new KeyCodeCombination(KeyCode.DELETE));
        remove.setOnAction(e -> confirmRemove(row.get()));
        return new ContextMenu(rename, addresses, copy, new SeparatorMenuItem(), block, new SeparatorMenuItem(), remove);
    }

    /** Commits a rename in place that is under way, with what the owner typed. */
    void commitRename() {
        for (javafx.scene.Node node : table.lookupAll(".table-cell")) {
            if (node instanceof NameCell cell) {
                cell.commitTyped();
            }
        }
    }

    void startRename(PeerRow row) {
        int index = table.getItems().indexOf(row);
        if (index >= 0) {
            table.getSelectionModel().select(index);
            table.edit(index, nameColumn);
        }
    }

    void confirmRemove(PeerRow row) {
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION);
        confirm.initOwner(root.getScene().getWindow());
        confirm.setTitle(text("peers.remove.title"));
        confirm.setHeaderText(text("peers.remove.header", row.name()));
        confirm.setContentText(text("peers.remove.body", row.shortId()));
        ButtonType remove = new ButtonType(text("peers.remove.confirm"), ButtonBar.ButtonData.OK_DONE);
        confirm.getButtonTypes().setAll(remove, ButtonType.CANCEL);
        confirm.getDialogPane().lookupButton(remove).getStyleClass().add("danger");
        confirm.getDialogPane().setId("removePeerDialog");
        confirm.showAndWait().filter(remove::equals).ifPresent(b -> model.remove(row));
    }

    void editAddresses(PeerRow row) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(root.getScene().getWindow());
        dialog.setTitle(text("peers.addresses.title", row.name()));
        dialog.getDialogPane().setId("editAddressesDialog");
        if (stylesheet != null) {
            dialog.getDialogPane().getStylesheets().add(stylesheet);
        }
        TextArea field = new TextArea(String.join("\n", row.peer().addresses()));
        field.setId("addressesField");
        field.getStyleClass().add("mono");
        field.setPrefRowCount(4);
        field.setPromptText(text("addPeer.addresses.prompt"));
        Label error = label("", "error-text");
        error.setId("addressesError");
        error.setWrapText(true);
        field.textProperty().addListener((obs, old, now) -> error.setText(PeersViewModel.checkAddresses(now).orElse("")));
        VBox content = new VBox(8, label(text("peers.addresses.caption"), "caption"), field, error);
        content.setPrefWidth(460);
        dialog.getDialogPane().setContent(content);
        ButtonType save = new ButtonType(text("peers.addresses.save"), ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(save, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(save).disableProperty().bind(error.textProperty().isNotEmpty());
        dialog.showAndWait().filter(save::equals).ifPresent(b -> model.setAddresses(row, field.getText()));
    }

    /** Opens the add-peer dialog (or reuses the open one) and hands it to the caller, e.g. to paste or drop. */
    public void openAddDialog(Consumer<AddPeerDialog> then) {
        commitRename(); // a paste or a drop does not take the focus from a rename under way
        if (openDialog == null) {
            openDialog = new AddPeerDialog(root.getScene().getWindow(), model.newAddPeer(), fileDialogs,
                    screenCapture, pasteSource, stylesheet);
            AddPeerDialog opened = openDialog;
            opened.dialog().showingProperty().addListener((obs, was, showing) -> {
                if (!showing && openDialog == opened) {
                    openDialog = null;
                }
            });
            opened.show(peer -> {
                model.added(peer);
                selectedId = peer.id();
            });
        }
        then.accept(openDialog);
    }

    Optional<AddPeerDialog> openDialog() {
        return Optional.ofNullable(openDialog);
    }

    public TableView<PeerRow> table() {
        return table;
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public void close() {
        undoTimer.stop();
        try {
            model.close();
        } catch (Exception ignored) {
            // Unsubscribing cannot fail in a way the owner could act on.
        }
    }
}
