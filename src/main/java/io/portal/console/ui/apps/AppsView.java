package io.portal.console.ui.apps;

import static io.portal.console.ui.common.Ui.label;
import static io.portal.console.ui.common.Ui.text;

import io.portal.console.apps.Access;
import io.portal.console.apps.PathRule;
import io.portal.console.apps.RegisteredApp;
import io.portal.console.apps.SharingMode;
import io.portal.console.ui.common.FileDialogs;
import io.portal.console.ui.common.ScreenView;
import io.portal.console.ui.common.Ui;
import java.io.File;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Apps & sharing screen: the registered apps and, for the selected one, its paths and whom it is shared with;
 * or the matrix of all peers × all apps. An app.json may be added with the file chooser or dropped on the screen.
 */
public final class AppsView implements ScreenView {
    private final AppsViewModel model;
    private final FileDialogs fileDialogs;
    private final BorderPane root = new BorderPane();
    private final StackPane center = new StackPane();
    private final ListView<RegisteredApp> appsList = new ListView<>();
    private final TableView<PathRule> pathsTable = new TableView<>();
    private final Map<SharingMode, ToggleButton> modeButtons = new EnumMap<>(SharingMode.class);
    private final ToggleGroup modeGroup = new ToggleGroup();
    private final SplitPane byApp;
    private final SharingMatrixView matrix;
    private boolean selectingFromModel;

    public AppsView(AppsViewModel model, FileDialogs fileDialogs) {
        this.model = model;
        this.fileDialogs = fileDialogs;
        root.getStyleClass().add("apps");
        root.setId("appsScreen");

        byApp = new SplitPane(appsList(), details());
        byApp.setId("byApp");
        byApp.setDividerPositions(0.42);
        matrix = new SharingMatrixView(model);
        center.getChildren().add(byApp);
        center.getStyleClass().add("apps-center");

        root.setTop(header());
        root.setCenter(center);
        root.setBottom(statusBar());
        acceptDroppedFiles();

        model.issuedTokenProperty().addListener((obs, was, token) -> {
            if (token != null) {
                TokenDialog.show(root.getScene().getWindow(), token, model::copyToken, model::tokenShown);
            }
        });
        model.urlNeededForProperty().addListener((obs, was, file) -> {
            if (file != null) {
                askForUrl(file);
            }
        });
    }

    private Node header() {
        Label title = label(text("apps.title"), "screen-title");
        ToggleGroup views = new ToggleGroup();
        ToggleButton byAppButton = new ToggleButton(text("apps.view.byApp"), new FontIcon(Feather.LIST));
        byAppButton.setId("showByApp");
        byAppButton.getStyleClass().add("left-pill");
        ToggleButton matrixButton = new ToggleButton(text("apps.view.matrix"), new FontIcon(Feather.GRID));
        matrixButton.setId("showMatrix");
        matrixButton.getStyleClass().add("right-pill");
        byAppButton.setToggleGroup(views);
        matrixButton.setToggleGroup(views);
        byAppButton.setSelected(true);
        views.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                views.selectToggle(old);
            } else {
                center.getChildren().setAll(now == matrixButton ? matrix.root() : byApp);
            }
        });
        HBox switcher = new HBox(byAppButton, matrixButton);

        Button add = new Button(text("apps.add"), new FontIcon(Feather.PLUS));
        add.setId("addApp");
        add.getStyleClass().add("accent");
        add.setOnAction(e -> chooseManifest());

        HBox header = new HBox(16, title, Ui.hSpacer(), switcher, add);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("apps-header");
        return header;
    }

    private Node appsList() {
        appsList.setId("appsList");
        appsList.getStyleClass().add("apps-list-view");
        appsList.setPlaceholder(placeholder());
        appsList.setCellFactory(list -> new AppCell());
        appsList.getSelectionModel().selectedItemProperty().addListener((obs, was, app) -> {
            if (!selectingFromModel) {
                model.select(app == null ? null : app.name());
            }
        });
        // The model replaces its list when anything changes; copy it here so the owner's selection survives.
        model.apps().addListener((ListChangeListener<RegisteredApp>) change -> {
            selectingFromModel = true;
            try {
                appsList.getItems().setAll(model.apps());
            } finally {
                selectingFromModel = false;
            }
            reselect();
        });
        appsList.getItems().setAll(model.apps());
        model.selectedProperty().addListener((obs, was, now) -> reselect());

        Button remove = new Button(text("apps.remove"), new FontIcon(Feather.TRASH_2));
        remove.setId("removeApp");
        remove.getStyleClass().add("danger");
        remove.disableProperty().bind(model.selectedProperty().isNull());
        remove.setOnAction(e -> confirmRemove());
        Button rotate = new Button(text("apps.rotate"), new FontIcon(Feather.REFRESH_CW));
        rotate.setId("rotateToken");
        rotate.disableProperty().bind(model.selectedProperty().isNull());
        rotate.setOnAction(e -> model.rotateSelectedToken());
        HBox actions = new HBox(8, rotate, remove);

        VBox box = new VBox(10, appsList, actions);
        box.getStyleClass().add("apps-list");
        VBox.setVgrow(appsList, Priority.ALWAYS);
        return box;
    }

    private Node placeholder() {
        Label text = label(text("apps.empty"), "muted-text");
        text.setWrapText(true);
        text.setMaxWidth(280);
        VBox box = new VBox(10, new FontIcon(Feather.PACKAGE), text);
        box.setAlignment(Pos.CENTER);
        return box;
    }

    private void reselect() {
        RegisteredApp selected = model.selectedProperty().get();
        selectingFromModel = true;
        try {
            if (selected == null) {
                appsList.getSelectionModel().clearSelection();
            } else {
                for (int i = 0; i < appsList.getItems().size(); i++) {
                    if (appsList.getItems().get(i).name().equals(selected.name())) {
                        if (appsList.getSelectionModel().getSelectedIndex() != i) {
                            appsList.getSelectionModel().clearAndSelect(i);
                        }
                        break;
                    }
                }
            }
        } finally {
            selectingFromModel = false;
        }
    }

    private Node details() {
        Label nothing = label(text("apps.details.none"), "muted-text");
        nothing.setId("noSelection");
        StackPane nothingBox = new StackPane(nothing);

        Label name = label("", "app-name");
        name.setId("appName");
        Label description = label("", "app-description");
        description.setId("appDescription");
        description.setWrapText(true);
        Label url = label("", "mono", "muted-text");
        url.setId("appUrl");

        pathsTable.setId("pathsTable");
        pathsTable.getStyleClass().add("dense");
        pathsTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        pathsTable.setPlaceholder(label(text("apps.paths.none"), "muted-text"));
        TableColumn<PathRule, String> prefix = new TableColumn<>(text("apps.column.prefix"));
        prefix.setCellValueFactory(c -> new ReadOnlyStringWrapper(
                c.getValue().prefix().isEmpty() ? text("apps.paths.default") : c.getValue().prefix()));
        prefix.setPrefWidth(150);
        TableColumn<PathRule, String> access = new TableColumn<>(text("apps.column.access"));
        access.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().access().manifestValue()));
        access.setPrefWidth(80);
        TableColumn<PathRule, String> headers = new TableColumn<>(text("apps.column.headers"));
        headers.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().headers().entrySet().stream()
                .map(h -> h.getKey() + ": " + h.getValue()).collect(Collectors.joining("\n"))));
        headers.setPrefWidth(260);
        pathsTable.getColumns().setAll(List.of(prefix, access, headers));
        pathsTable.setRowFactory(table -> new TableRow<>() {
            @Override
            protected void updateItem(PathRule rule, boolean empty) {
                super.updateItem(rule, empty);
                getStyleClass().remove("peer-path");
                if (!empty && rule != null && rule.access() == Access.PEER) {
                    getStyleClass().add("peer-path");
                }
            }
        });

        Label noPeerPath = new Label(text("apps.warning.noPeerPath"), new FontIcon(Feather.ALERT_TRIANGLE));
        noPeerPath.setId("noPeerPathWarning");
        noPeerPath.getStyleClass().add("warning-box");
        noPeerPath.setWrapText(true);
        noPeerPath.setMaxWidth(Double.MAX_VALUE);

        HBox modes = new HBox();
        modes.setId("sharingModes");
        String[] pills = {"left-pill", "center-pill", "right-pill"};
        for (SharingMode mode : SharingMode.values()) {
            ToggleButton button = new ToggleButton(text("apps.mode." + mode.dbValue()));
            button.setId("mode-" + mode.dbValue());
            button.getStyleClass().add(pills[mode.ordinal()]);
            button.setToggleGroup(modeGroup);
            button.setOnAction(e -> {
                if (!button.isSelected()) {
                    button.setSelected(true); // a mode cannot be "unselected"
                }
                model.setMode(mode);
            });
            modeButtons.put(mode, button);
            modes.getChildren().add(button);
        }
        Label modeHint = label("", "muted-text");
        modeHint.setId("modeHint");
        modeHint.setWrapText(true);

        TextField search = new TextField();
        search.setId("peerSearch");
        search.setPromptText(text("apps.peers.search"));
        search.textProperty().bindBidirectional(model.peerFilterProperty());
        HBox.setHgrow(search, Priority.ALWAYS);
        Button tickShown = new Button(text("apps.peers.tickShown"));
        tickShown.setId("tickShown");
        tickShown.setOnAction(e -> model.tickShown(true));
        Button untickShown = new Button(text("apps.peers.untickShown"));
        untickShown.setId("untickShown");
        untickShown.setOnAction(e -> model.tickShown(false));
        HBox searchRow = new HBox(8, search, tickShown, untickShown);
        searchRow.setAlignment(Pos.CENTER_LEFT);
        ListView<PeerChoice> peerList = new ListView<>(model.peerChoices());
        peerList.setId("peerCheckList");
        peerList.setCellFactory(list -> new PeerChoiceCell());
        peerList.setPrefHeight(260);
        peerList.setPlaceholder(label(text("apps.peers.none"), "muted-text"));
        VBox peersBox = new VBox(8, searchRow, peerList);
        peersBox.setId("selectedPeers");

        VBox details = new VBox(6,
                name, description, url,
                label(text("apps.paths.caption"), "caption", "section-gap"), pathsTable, noPeerPath,
                label(text("apps.sharing.caption"), "caption", "section-gap"), modes, modeHint, peersBox);
        details.getStyleClass().add("app-details");
        ScrollPane scroll = new ScrollPane(details);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");

        StackPane slot = new StackPane(nothingBox);
        Runnable refresh = () -> {
            RegisteredApp app = model.selectedProperty().get();
            if (app == null) {
                slot.getChildren().setAll(nothingBox);
                return;
            }
            slot.getChildren().setAll(scroll);
            name.setText(app.name());
            description.setText(app.description());
            description.setManaged(!app.description().isEmpty());
            description.setVisible(!app.description().isEmpty());
            url.setText(app.url().toString());
            if (!pathsTable.getItems().equals(app.manifest().paths())) {
                pathsTable.getItems().setAll(app.manifest().paths());
            }
            // Tall enough for every rule (a header per line), so the details scroll as one page.
            pathsTable.setPrefHeight(34 + app.manifest().paths().stream()
                    .mapToDouble(rule -> 14 + 17 * Math.max(1, rule.headers().size())).sum());
            pathsTable.setMinHeight(pathsTable.getPrefHeight());
            boolean noPeer = app.manifest().peerPaths().isEmpty();
            noPeerPath.setManaged(noPeer);
            noPeerPath.setVisible(noPeer);
        };
        Runnable refreshMode = () -> {
            SharingMode mode = model.modeProperty().get();
            modeGroup.selectToggle(modeButtons.get(mode));
            modeHint.setText(text("apps.mode." + mode.dbValue() + ".hint"));
            boolean selected = mode == SharingMode.SELECTED;
            peersBox.setManaged(selected);
            peersBox.setVisible(selected);
        };
        model.selectedProperty().addListener((obs, was, now) -> refresh.run());
        model.modeProperty().addListener((obs, was, now) -> refreshMode.run());
        refresh.run();
        refreshMode.run();
        return slot;
    }

    /** Two lines per app: name and sharing; description and how many peer paths it declares. */
    private static final class AppCell extends ListCell<RegisteredApp> {
        private final Label name = label("", "app-cell-name");
        private final Label sharing = label("", "badge");
        private final Label description = label("", "muted-text");
        private final Label peerPaths = label("", "muted-text");
        private final VBox box;

        AppCell() {
            HBox top = new HBox(8, name, Ui.hSpacer(), sharing);
            top.setAlignment(Pos.CENTER_LEFT);
            HBox bottom = new HBox(8, description, Ui.hSpacer(), peerPaths);
            bottom.setAlignment(Pos.CENTER_LEFT);
            description.setMinWidth(0);
            peerPaths.setMinWidth(Label.USE_PREF_SIZE);
            sharing.setMinWidth(Label.USE_PREF_SIZE);
            box = new VBox(2, top, bottom);
            box.setMinWidth(0);
            box.setPrefWidth(0);
            setText(null);
        }

        @Override
        protected void updateItem(RegisteredApp app, boolean empty) {
            super.updateItem(app, empty);
            if (empty || app == null) {
                setGraphic(null);
                return;
            }
            name.setText(app.name());
            description.setText(app.description());
            int count = app.manifest().peerPaths().size();
            peerPaths.setText(count == 1 ? text("apps.peerPaths.one") : text("apps.peerPaths.many", count));
            peerPaths.getStyleClass().remove("warning-text");
            if (count == 0) {
                peerPaths.getStyleClass().add("warning-text");
            }
            sharing.setText(AppsViewModel.sharingLabel(app.sharing()));
            sharing.getStyleClass().removeAll("badge-none", "badge-all", "badge-selected");
            sharing.getStyleClass().add("badge-" + app.sharing().mode().dbValue());
            setGraphic(box);
        }
    }

    /** A check box per peer, bound to whether the app is shared with it. */
    private static final class PeerChoiceCell extends ListCell<PeerChoice> {
        private final CheckBox check = new CheckBox();
        private PeerChoice bound;

        PeerChoiceCell() {
            setText(null);
        }

        @Override
        protected void updateItem(PeerChoice choice, boolean empty) {
            super.updateItem(choice, empty);
            if (bound != null) {
                check.selectedProperty().unbindBidirectional(bound.sharedProperty());
                bound = null;
            }
            if (empty || choice == null) {
                setGraphic(null);
                return;
            }
            check.setText(choice.label());
            check.selectedProperty().bindBidirectional(choice.sharedProperty());
            check.getStyleClass().remove("blocked-peer");
            if (choice.peer().blocked()) {
                check.getStyleClass().add("blocked-peer");
            }
            bound = choice;
            setGraphic(check);
        }
    }

    private Node statusBar() {
        Label status = label("", "status-text");
        status.setId("appsStatus");
        status.textProperty().bind(model.statusProperty());
        model.statusIsErrorProperty().addListener((obs, was, error) -> {
            status.getStyleClass().remove("error-text");
            if (error) {
                status.getStyleClass().add("error-text");
            }
        });
        HBox bar = new HBox(status);
        bar.getStyleClass().add("status-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private void chooseManifest() {
        fileDialogs.chooseOpen(root.getScene().getWindow(), text("apps.add.title"), text("apps.add.filter"),
                "app.json", "*.json").ifPresent(model::addApp);
    }

    private void acceptDroppedFiles() {
        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
                if (!root.getStyleClass().contains("drop-target")) {
                    root.getStyleClass().add("drop-target");
                }
            }
            e.consume();
        });
        root.setOnDragExited(e -> root.getStyleClass().remove("drop-target"));
        root.setOnDragDropped(e -> {
            boolean done = false;
            if (e.getDragboard().hasFiles()) {
                for (File file : e.getDragboard().getFiles()) {
                    model.addApp(file.toPath());
                    done = true;
                }
            }
            root.getStyleClass().remove("drop-target");
            e.setDropCompleted(done);
            e.consume();
        });
    }

    private void confirmRemove() {
        RegisteredApp app = model.selectedProperty().get();
        if (app == null) {
            return;
        }
        ButtonType remove = new ButtonType(text("apps.remove.confirm"), ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, text("apps.remove.text", app.name()), remove,
                ButtonType.CANCEL);
        alert.initOwner(root.getScene().getWindow());
        alert.setTitle(text("apps.remove.title"));
        alert.setHeaderText(text("apps.remove.header", app.name()));
        alert.getDialogPane().setId("removeDialog");
        alert.getDialogPane().getStylesheets().addAll(root.getScene().getStylesheets());
        alert.setOnHidden(e -> {
            if (alert.getResult() == remove) {
                model.removeSelected();
            }
        });
        alert.show();
    }

    private void askForUrl(Path file) {
        TextInputDialog dialog = new TextInputDialog("http://127.0.0.1:");
        dialog.initOwner(root.getScene().getWindow());
        dialog.setTitle(text("apps.url.title"));
        dialog.setHeaderText(text("apps.url.header", file.getFileName()));
        dialog.setContentText(text("apps.url.label"));
        dialog.getDialogPane().setId("urlDialog");
        dialog.getEditor().setId("urlField");
        dialog.getEditor().setPrefColumnCount(28);
        dialog.getDialogPane().getStylesheets().addAll(root.getScene().getStylesheets());
        dialog.setOnHidden(e -> {
            String url = dialog.getResult();
            if (url == null) {
                model.cancelUrl();
            } else {
                model.addApp(file, url);
            }
        });
        dialog.show();
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public void close() {
        ScreenView.closeQuietly(model);
    }
}
