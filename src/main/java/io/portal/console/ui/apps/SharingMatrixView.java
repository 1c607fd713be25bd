package io.portal.console.ui.apps;

import static io.portal.console.ui.common.Ui.label;
import static io.portal.console.ui.common.Ui.text;

import io.portal.console.apps.RegisteredApp;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.AccessibleAction;
import javafx.scene.AccessibleAttribute;
import javafx.scene.AccessibleRole;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
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
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.ArcTo;
import javafx.scene.shape.ClosePath;
import javafx.scene.shape.HLineTo;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;
import javafx.scene.shape.VLineTo;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Peers × apps with a tick per cell, so the owner sees all sharing at once. Rows are virtualized by the table,
 * app columns are narrow with upright names and a row's ticks are a few shapes, so 10,000 peers and 50 apps stay
 * quick to search and scroll.
 */
final class SharingMatrixView {
    static final double APP_COLUMN_WIDTH = 44;

    private final AppsViewModel model;
    private final VBox root = new VBox(10);
    private final TableView<MatrixRow> table = new TableView<>();
    private final Label size = label("", "muted-text");
    private List<String> columnNames = List.of();
    private TableColumn<MatrixRow, MatrixRow> ticksColumn;
    /** Which app's tick the keyboard is on, in the row the table's focus is on. */
    private int focusedApp;

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
        table.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        table.focusedProperty().addListener(o -> keyboardMoved());
        table.getFocusModel().focusedCellProperty().addListener(o -> keyboardMoved());
        VBox.setVgrow(table, Priority.ALWAYS);
        // Scrolled to the right, the peer column is out of sight: every row still names its peer on hover.
        table.setRowFactory(t -> new TableRow<>() {
            private final Tooltip tooltip = new Tooltip();

            {
                // Back to the peer's name wherever the pointer is; over the ticks, the cell names the app too.
                addEventFilter(MouseEvent.MOUSE_MOVED, e -> {
                    if (getItem() != null) {
                        tooltip.setText(getItem().label());
                    }
                });
            }

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
        focusedApp = Math.min(focusedApp, Math.max(0, names.size() - 1));
        TableColumn<MatrixRow, String> peerColumn = new TableColumn<>(text("apps.matrix.peer"));
        peerColumn.setId("matrix-peer");
        peerColumn.setCellValueFactory(row -> new ReadOnlyStringWrapper(row.getValue().label()));
        peerColumn.setPrefWidth(260);
        peerColumn.setEditable(false);
        peerColumn.setReorderable(false);

        // One column for all apps: a row draws its ticks as a few shapes instead of a cell per app, so a filter
        // keystroke re-styles a handful of nodes per row rather than hundreds.
        HBox headers = new HBox();
        headers.getStyleClass().add("matrix-app-headers");
        for (String name : names) {
            Label header = new Label(name);
            header.getStyleClass().add("matrix-app-name");
            header.setRotate(-90);
            header.setMaxWidth(160);
            StackPane slot = new StackPane(new Group(header));
            slot.getStyleClass().add("matrix-app-header");
            slot.setId("matrix-app-" + name);
            slot.setUserData(name);
            slot.setMinWidth(APP_COLUMN_WIDTH);
            slot.setPrefWidth(APP_COLUMN_WIDTH);
            slot.setMaxWidth(APP_COLUMN_WIDTH);
            headers.getChildren().add(slot);
        }
        double width = Math.max(1, names.size()) * APP_COLUMN_WIDTH;
        ticksColumn = new TableColumn<>();
        ticksColumn.setId("matrix-ticks");
        ticksColumn.getStyleClass().add("matrix-ticks-column");
        ticksColumn.setGraphic(headers);
        ticksColumn.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(row.getValue()));
        ticksColumn.setCellFactory(c -> new TickStripCell());
        ticksColumn.setPrefWidth(width);
        ticksColumn.setMinWidth(width);
        ticksColumn.setMaxWidth(width);
        ticksColumn.setSortable(false);
        ticksColumn.setReorderable(false);
        ticksColumn.setResizable(false);
        table.getColumns().setAll(List.of(peerColumn, ticksColumn));
        updateTooltips();
    }

    /** The row and app under the keyboard, or null when the keyboard is elsewhere. */
    private MatrixRow keyboardRow() {
        TablePosition<MatrixRow, ?> focused = table.getFocusModel().getFocusedCell();
        if (focused == null || ticksColumn == null || focused.getTableColumn() != ticksColumn || focused.getRow() < 0
                || focused.getRow() >= table.getItems().size()) {
            return null;
        }
        return table.getItems().get(focused.getRow());
    }

    private void keyboardMoved() {
        MatrixRow now = table.isFocused() ? keyboardRow() : null;
        for (Node node : table.lookupAll(".tick-strip-cell")) {
            TickStripCell cell = (TickStripCell) node;
            cell.show();
            if (now != null && cell.row == now) {
                cell.notifyAccessibleAttributeChanged(AccessibleAttribute.TEXT);
                // The table's focused cell stays the same while the keyboard walks along the apps: tell assistive
                // technologies that the item under focus changed anyway, so they read the new tick.
                table.notifyAccessibleAttributeChanged(AccessibleAttribute.FOCUS_ITEM);
            }
        }
    }

    /** Scrolls sideways, if needed, so that the tick under the keyboard is in view (the first app with the names). */
    private void scrollToFocusedApp() {
        ScrollBar bar = table.lookupAll(".scroll-bar").stream()
                .filter(n -> n instanceof ScrollBar b && b.getOrientation() == Orientation.HORIZONTAL && b.isVisible())
                .map(ScrollBar.class::cast).findFirst().orElse(null);
        Node viewport = table.lookup(".clipped-container");
        if (bar == null || viewport == null || ticksColumn == null) {
            return;
        }
        double visible = viewport.getLayoutBounds().getWidth();
        double margin = APP_COLUMN_WIDTH / 2;
        double left = table.getColumns().get(0).getWidth() + focusedApp * APP_COLUMN_WIDTH;
        double right = left + APP_COLUMN_WIDTH;
        double offset = bar.getValue();
        if (focusedApp == 0) {
            offset = 0;
        } else if (left < offset) {
            offset = left - margin;
        } else if (right > offset + visible) {
            offset = right - visible + margin;
        }
        bar.setValue(Math.max(bar.getMin(), Math.min(bar.getMax(), offset)));
    }

    /**
     * The keyboard in the ticks: Left and Right move between apps (Right from the peer name enters the first app,
     * Left from the first app goes back to the peer name), Home and End go to the first and last app, Space toggles
     * the tick under the keyboard. Up and Down, and the keys with a modifier, are the table's own.
     */
    private void onKey(KeyEvent event) {
        if (event.isShortcutDown() || event.isAltDown() || event.isShiftDown() || columnNames.isEmpty()) {
            return;
        }
        TablePosition<MatrixRow, ?> focused = table.getFocusModel().getFocusedCell();
        if (keyboardRow() == null) {
            if (event.getCode() == KeyCode.RIGHT && focused != null && focused.getRow() >= 0 && ticksColumn != null) {
                // Entering the ticks: the table would scroll the whole (wide) column into view, names and all out.
                focusedApp = 0;
                table.getFocusModel().focus(focused.getRow(), ticksColumn);
                table.getSelectionModel().clearAndSelect(focused.getRow(), ticksColumn);
                event.consume();
                keyboardMoved();
                scrollToFocusedApp();
            }
            return;
        }
        switch (event.getCode()) {
            case LEFT -> {
                if (focusedApp == 0) {
                    return;
                }
                focusedApp--;
            }
            case RIGHT -> focusedApp = Math.min(columnNames.size() - 1, focusedApp + 1);
            case HOME -> focusedApp = 0;
            case END -> focusedApp = columnNames.size() - 1;
            case SPACE -> keyboardRow().toggle(columnNames.get(focusedApp));
            default -> {
                return;
            }
        }
        event.consume();
        keyboardMoved();
        scrollToFocusedApp();
    }

    /**
     * The ticks of one row: every app's box, a fill for the ticked ones and their marks, drawn as three paths
     * styled like the theme's check boxes, and a ring around the tick under the keyboard. A click on an app's
     * column toggles its tick.
     */
    static final class TickStrip extends Region {
        static final double BOX = 16;
        private static final double RADIUS = 3;
        private final Path boxes = shape("tick-boxes");
        private final Path fills = shape("tick-fills");
        private final Path marks = shape("tick-marks");
        private final Path ring = shape("tick-focus");
        private List<String> apps = List.of();
        private MatrixRow row;
        private int drawnBoxes = -1;
        private int drawnRevision = -1;

        TickStrip() {
            getStyleClass().add("tick-strip");
            fills.setStroke(null);
            marks.setStroke(null);
            getChildren().addAll(boxes, fills, marks, ring);
        }

        private static Path shape(String styleClass) {
            Path path = new Path();
            path.getStyleClass().add(styleClass);
            path.setManaged(false);
            return path;
        }

        void show(List<String> apps, MatrixRow row, int focused) {
            // The keyboard moving, or a row shown again as it was, needs only the ring.
            int revision = row == null ? -1 : row.revisionProperty().get();
            boolean same = apps == this.apps && row == this.row && revision == drawnRevision;
            this.apps = apps;
            this.row = row;
            drawnRevision = revision;
            if (!same) {
                drawTicks();
            }
            ring.setVisible(row != null && focused >= 0 && focused < apps.size());
            if (ring.isVisible()) {
                List<PathElement> around = new ArrayList<>();
                roundedRect(around, left(focused) - 2, -2, BOX + 4, BOX + 4, RADIUS + 2);
                ring.getElements().setAll(around);
            }
        }

        private void drawTicks() {
            if (drawnBoxes != apps.size()) {
                List<PathElement> all = new ArrayList<>();
                for (int i = 0; i < apps.size(); i++) {
                    roundedRect(all, left(i) + 0.5, 0.5, BOX - 1, BOX - 1, RADIUS);
                }
                boxes.getElements().setAll(all);
                drawnBoxes = apps.size();
            }
            List<PathElement> fill = new ArrayList<>();
            List<PathElement> mark = new ArrayList<>();
            for (int i = 0; row != null && i < apps.size(); i++) {
                if (row.isTicked(apps.get(i))) {
                    double x = left(i);
                    roundedRect(fill, x, 0, BOX, BOX, RADIUS);
                    mark.add(new MoveTo(x + 3, 4.35 + 3));
                    mark.add(new LineTo(x + 4.6, 2.75 + 3));
                    mark.add(new LineTo(x + 6.8, 4.95 + 3));
                    mark.add(new LineTo(x + 11.4, 0.35 + 3));
                    mark.add(new LineTo(x + 13, 1.95 + 3));
                    mark.add(new LineTo(x + 6.8, 8.15 + 3));
                    mark.add(new ClosePath());
                }
            }
            fills.getElements().setAll(fill);
            marks.getElements().setAll(mark);
            boxes.setVisible(row != null);
        }

        /** The app whose column the pointer is over, or -1. */
        int appAt(MouseEvent event) {
            double x = sceneToLocal(event.getSceneX(), event.getSceneY()).getX();
            int index = (int) Math.floor(x / APP_COLUMN_WIDTH);
            return x >= 0 && index < apps.size() ? index : -1;
        }

        boolean isTicked(String app) {
            return row != null && row.isTicked(app);
        }

        /** Whether the strip draws an app's tick as ticked: what the owner sees, which {@link #isTicked} may not be. */
        boolean drawsTicked(String app) {
            int index = apps.indexOf(app);
            double x = left(index) + RADIUS;
            return index >= 0 && fills.getElements().stream()
                    .anyMatch(e -> e instanceof MoveTo move && move.getX() == x && move.getY() == 0);
        }

        /** The centre of an app's tick on screen, as a pointer would aim at it. */
        Point2D tickOnScreen(String app) {
            int index = apps.indexOf(app);
            return index < 0 ? null : localToScreen(left(index) + BOX / 2, boxes.getLayoutY() + BOX / 2);
        }

        private static double left(int index) {
            return index * APP_COLUMN_WIDTH + Math.floor((APP_COLUMN_WIDTH - BOX) / 2);
        }

        private static void roundedRect(List<PathElement> out, double x, double y, double w, double h, double r) {
            out.add(new MoveTo(x + r, y));
            out.add(new HLineTo(x + w - r));
            out.add(new ArcTo(r, r, 0, x + w, y + r, false, true));
            out.add(new VLineTo(y + h - r));
            out.add(new ArcTo(r, r, 0, x + w - r, y + h, false, true));
            out.add(new HLineTo(x + r));
            out.add(new ArcTo(r, r, 0, x, y + h - r, false, true));
            out.add(new VLineTo(y + r));
            out.add(new ArcTo(r, r, 0, x + r, y, false, true));
            out.add(new ClosePath());
        }

        @Override
        protected void layoutChildren() {
            double top = snapPositionY((getHeight() - BOX) / 2);
            for (Node shape : getChildren()) {
                shape.setLayoutY(top);
            }
        }

        @Override
        protected double computePrefWidth(double height) {
            return apps.size() * APP_COLUMN_WIDTH;
        }

        @Override
        protected double computePrefHeight(double width) {
            return BOX;
        }

        @Override
        protected double computeMinWidth(double height) {
            return computePrefWidth(height);
        }

        @Override
        protected double computeMinHeight(double width) {
            return BOX;
        }
    }

    /**
     * The cell of the ticks column. To assistive technologies it is a check box: the tick under the keyboard,
     * named by its app and peer, fired by the action.
     */
    final class TickStripCell extends TableCell<MatrixRow, MatrixRow> {
        private final TickStrip strip = new TickStrip();
        private final InvalidationListener onTick = o -> show();
        private MatrixRow row;

        TickStripCell() {
            getStyleClass().add("tick-strip-cell");
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
            setGraphic(strip);
            setAccessibleRole(AccessibleRole.CHECK_BOX);
            setOnMouseClicked(e -> {
                int app = strip.appAt(e);
                if (e.getButton() == MouseButton.PRIMARY && row != null && app >= 0) {
                    focusedApp = app;
                    row.toggle(columnNames.get(app));
                    keyboardMoved();
                }
            });
            // Scrolled down or sideways, the headers and names are out of sight: the tooltip names the app and
            // peer of the tick under the pointer (the row's tooltip, which names the peer elsewhere in the row).
            setOnMouseMoved(e -> {
                int app = strip.appAt(e);
                Tooltip tooltip = getTableRow() == null ? null : getTableRow().getTooltip();
                if (row != null && app >= 0 && tooltip != null) {
                    tooltip.setText(text("apps.matrix.tick", columnNames.get(app), row.label()));
                }
            });
        }

        @Override
        protected void updateItem(MatrixRow item, boolean empty) {
            super.updateItem(item, empty);
            MatrixRow next = empty ? null : item;
            if (next != row) {
                if (row != null) {
                    row.revisionProperty().removeListener(onTick);
                }
                row = next;
                if (row != null) {
                    row.revisionProperty().addListener(onTick);
                }
            }
            show();
        }

        void show() {
            boolean keyboardHere = row != null && table.isFocused() && keyboardRow() == row;
            strip.show(columnNames, row, keyboardHere ? focusedApp : -1);
            notifyAccessibleAttributeChanged(AccessibleAttribute.SELECTED);
        }

        private String focusedAppName() {
            return focusedApp < columnNames.size() ? columnNames.get(focusedApp) : null;
        }

        @Override
        public Object queryAccessibleAttribute(AccessibleAttribute attribute, Object... parameters) {
            String app = focusedAppName();
            return switch (attribute) {
                case SELECTED -> app != null && strip.isTicked(app);
                case TEXT -> app == null || row == null ? "" : text("apps.matrix.tick", app, row.label());
                default -> super.queryAccessibleAttribute(attribute, parameters);
            };
        }

        @Override
        public void executeAccessibleAction(AccessibleAction action, Object... parameters) {
            String app = focusedAppName();
            if (action == AccessibleAction.FIRE && app != null && row != null) {
                row.toggle(app);
            } else {
                super.executeAccessibleAction(action, parameters);
            }
        }
    }

    private void updateTooltips() {
        if (ticksColumn == null || !(ticksColumn.getGraphic() instanceof HBox headers)) {
            return;
        }
        for (Node slot : headers.getChildren()) {
            if (slot.getUserData() instanceof String name && slot instanceof StackPane pane
                    && pane.getChildren().get(0) instanceof Group group) {
                model.apps().stream().filter(a -> a.name().equals(name)).findFirst().ifPresent(app -> {
                    Label header = (Label) group.getChildren().get(0);
                    boolean noPeerPath = app.manifest().peerPaths().isEmpty();
                    header.getStyleClass().remove("no-peer-path");
                    if (noPeerPath) {
                        header.getStyleClass().add("no-peer-path");
                    }
                    Tooltip.install(pane, new Tooltip(text(noPeerPath ? "apps.matrix.column.noPeerPath"
                            : "apps.matrix.column", name, AppsViewModel.sharingLabel(app.sharing()))));
                });
            }
        }
    }
}
