package io.portal.console.ui.apps;

import static io.portal.console.ui.common.Ui.label;
import static io.portal.console.ui.common.Ui.text;

import io.portal.console.apps.RegisteredApp;
import java.util.List;
import javafx.beans.InvalidationListener;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.css.PseudoClass;
import javafx.scene.AccessibleAction;
import javafx.scene.AccessibleAttribute;
import javafx.scene.AccessibleRole;
import javafx.scene.Group;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TablePosition;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Peers × apps with a tick per cell, so the owner sees all sharing at once. Rows are virtualized by the table
 * and app columns are narrow with upright names, so 1,000 peers and 50 apps stay usable.
 */
final class SharingMatrixView {
    static final double APP_COLUMN_WIDTH = 44;

    private final AppsViewModel model;
    private final VBox root = new VBox(10);
    private final TableView<MatrixRow> table = new TableView<>();
    private final Label size = label("", "muted-text");
    private List<String> columnNames = List.of();

    SharingMatrixView(AppsViewModel model) {
        this.model = model;
        root.getStyleClass().add("matrix");
        root.setId("matrix");

        TextField search = new TextField();
        search.setId("matrixSearch");
        search.setPromptText(text("apps.matrix.search"));
        search.textProperty().bindBidirectional(model.matrixFilterProperty());
        search.setPrefColumnCount(24);
        size.setMinWidth(Label.USE_PREF_SIZE);
        Label hint = label(text("apps.matrix.hint"), "muted-text");
        hint.setWrapText(true);
        HBox.setHgrow(hint, Priority.ALWAYS);
        HBox top = new HBox(12, new FontIcon(Feather.SEARCH), search, size, hint);
        top.setAlignment(Pos.CENTER_LEFT);

        table.setId("matrixTable");
        table.setEditable(true);
        table.setItems(model.matrixRows());
        table.getStyleClass().addAll("matrix-table", "dense");
        table.setPlaceholder(label(text("apps.matrix.empty"), "muted-text"));
        table.getSelectionModel().setCellSelectionEnabled(true);
        table.addEventFilter(KeyEvent.KEY_PRESSED, this::toggleFocusedTick);
        VBox.setVgrow(table, Priority.ALWAYS);
        // Scrolled to the right, the peer column is out of sight: every row still names its peer on hover.
        table.setRowFactory(t -> new TableRow<>() {
            private final Tooltip tooltip = new Tooltip();

            @Override
            protected void updateItem(MatrixRow row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null) {
                    setTooltip(null);
                } else {
                    tooltip.setText(row.label());
                    setTooltip(tooltip);
                }
            }
        });
        rebuildColumns();
        model.apps().addListener((ListChangeListener<RegisteredApp>) change -> rebuildColumns());
        model.matrixRows().addListener((ListChangeListener<MatrixRow>) change -> updateSize());
        updateSize();

        root.getChildren().addAll(top, table);
    }

    VBox root() {
        return root;
    }

    private void updateSize() {
        size.setText(text("apps.matrix.size", model.matrixRows().size(), model.apps().size()));
    }

    private void rebuildColumns() {
        List<String> names = model.apps().stream().map(RegisteredApp::name).toList();
        if (names.equals(columnNames) && !table.getColumns().isEmpty()) {
            updateTooltips();
            return;
        }
        columnNames = names;
        TableColumn<MatrixRow, String> peerColumn = new TableColumn<>(text("apps.matrix.peer"));
        peerColumn.setId("matrix-peer");
        peerColumn.setCellValueFactory(row -> new ReadOnlyStringWrapper(row.getValue().label()));
        peerColumn.setPrefWidth(260);
        peerColumn.setEditable(false);
        peerColumn.setReorderable(false);
        table.getColumns().setAll(List.of(peerColumn));
        for (String name : names) {
            TableColumn<MatrixRow, Boolean> column = new TableColumn<>();
            column.setId("matrix-app-" + name);
            column.setUserData(name);
            Label header = new Label(name);
            header.getStyleClass().add("matrix-app-name");
            header.setRotate(-90);
            header.setMaxWidth(160);
            column.setGraphic(new Group(header));
            column.setCellValueFactory(row -> row.getValue().cell(name));
            column.setCellFactory(c -> new TickCell());
            column.setPrefWidth(APP_COLUMN_WIDTH);
            column.setMinWidth(APP_COLUMN_WIDTH);
            column.setMaxWidth(APP_COLUMN_WIDTH);
            column.setSortable(false);
            column.setReorderable(false);
            column.setEditable(true);
            table.getColumns().add(column);
        }
        updateTooltips();
    }

    /**
     * One tick, drawn by two plain regions. A filter keystroke re-uses every visible cell for another row and
     * re-styles it, and hundreds are on screen: a check-box control per cell (with its skin and label layout) made a
     * keystroke take several frames. A click on the cell, or Space on the focused cell, toggles it; assistive
     * technologies see a check box.
     */
    static final class TickCell extends TableCell<MatrixRow, Boolean> {
        private static final PseudoClass TICKED = PseudoClass.getPseudoClass("ticked");
        private final StackPane box = new StackPane();
        private final InvalidationListener onChange = o -> show();
        private BooleanProperty bound;

        TickCell() {
            getStyleClass().add("tick-cell");
            box.getStyleClass().add("tick");
            Region mark = new Region();
            mark.getStyleClass().add("tick-mark");
            box.getChildren().add(mark);
            box.setVisible(false);
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
            setGraphic(box);
            setAccessibleRole(AccessibleRole.CHECK_BOX);
            setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY) {
                    toggle();
                }
            });
        }

        /** Whether the peer of this row is ticked for the app of this column (false for an empty cell). */
        boolean isTicked() {
            return bound != null && bound.get();
        }

        void toggle() {
            if (bound != null) {
                bound.set(!bound.get());
            }
        }

        @Override
        protected void updateItem(Boolean item, boolean empty) {
            super.updateItem(item, empty);
            ObservableValue<Boolean> value = empty || getTableColumn() == null ? null
                    : getTableColumn().getCellObservableValue(getIndex());
            BooleanProperty next = value instanceof BooleanProperty property ? property : null;
            if (next != bound) {
                if (bound != null) {
                    bound.removeListener(onChange);
                }
                bound = next;
                if (bound != null) {
                    bound.addListener(onChange);
                }
            }
            show();
        }

        private void show() {
            box.setVisible(bound != null);
            box.pseudoClassStateChanged(TICKED, isTicked());
            notifyAccessibleAttributeChanged(AccessibleAttribute.SELECTED);
        }

        @Override
        public Object queryAccessibleAttribute(AccessibleAttribute attribute, Object... parameters) {
            return attribute == AccessibleAttribute.SELECTED ? isTicked()
                    : super.queryAccessibleAttribute(attribute, parameters);
        }

        @Override
        public void executeAccessibleAction(AccessibleAction action, Object... parameters) {
            if (action == AccessibleAction.FIRE) {
                toggle();
            } else {
                super.executeAccessibleAction(action, parameters);
            }
        }
    }

    /** Space toggles the focused tick; the arrow keys move between cells. */
    private void toggleFocusedTick(KeyEvent event) {
        if (event.getCode() != KeyCode.SPACE) {
            return;
        }
        TablePosition<MatrixRow, ?> focused = table.getFocusModel().getFocusedCell();
        if (focused != null && focused.getTableColumn() != null
                && focused.getTableColumn().getUserData() instanceof String app && focused.getRow() >= 0
                && focused.getRow() < table.getItems().size()) {
            BooleanProperty tick = table.getItems().get(focused.getRow()).cell(app);
            tick.set(!tick.get());
            event.consume();
        }
    }

    private void updateTooltips() {
        for (TableColumn<MatrixRow, ?> column : table.getColumns()) {
            if (column.getUserData() instanceof String name && column.getGraphic() instanceof Group group) {
                model.apps().stream().filter(a -> a.name().equals(name)).findFirst().ifPresent(app -> {
                    Label header = (Label) group.getChildren().get(0);
                    boolean noPeerPath = app.manifest().peerPaths().isEmpty();
                    header.getStyleClass().remove("no-peer-path");
                    if (noPeerPath) {
                        header.getStyleClass().add("no-peer-path");
                    }
                    header.setTooltip(new Tooltip(text(noPeerPath ? "apps.matrix.column.noPeerPath"
                            : "apps.matrix.column", name, AppsViewModel.sharingLabel(app.sharing()))));
                });
            }
        }
    }
}
