package io.portal.console.ui.activity;

import static io.portal.console.ui.common.Ui.label;
import static io.portal.console.ui.common.Ui.text;

import io.portal.console.ui.common.ScreenView;
import io.portal.console.ui.common.Ui;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.geometry.Side;
import javafx.scene.Parent;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.geometry.Orientation;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Activity: every call through the peer service, as a filterable table and a live chart of calls per minute. */
public final class ActivityView implements ScreenView {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

    private final ActivityViewModel model;
    private final BorderPane root = new BorderPane();
    private final StackedBarChart<String, Number> chart;

    public ActivityView(ActivityViewModel model) {
        this.model = model;
        root.getStyleClass().add("activity");

        TextField filter = new TextField();
        filter.setId("activityFilter");
        filter.setPromptText(text("activity.filter.prompt"));
        filter.setPrefColumnCount(28);
        filter.textProperty().bindBidirectional(model.filterProperty());
        ToggleGroup group = new ToggleGroup();
        ToggleButton byPeer = new ToggleButton(text("activity.byPeer"));
        byPeer.setId("byPeer");
        ToggleButton byApp = new ToggleButton(text("activity.byApp"));
        byApp.setId("byApp");
        byPeer.setToggleGroup(group);
        byApp.setToggleGroup(group);
        byPeer.getStyleClass().add("left-pill");
        byApp.getStyleClass().add("right-pill");
        group.selectToggle(model.groupByProperty().get() == ActivityViewModel.GroupBy.APP ? byApp : byPeer);
        group.selectedToggleProperty().addListener((obs, was, now) -> {
            if (now == null) {
                group.selectToggle(was);
            } else {
                model.groupByProperty().set(now == byApp ? ActivityViewModel.GroupBy.APP : ActivityViewModel.GroupBy.PEER);
            }
        });
        Label summary = label("", "caption");
        summary.setId("activitySummary");
        summary.textProperty().bind(model.summaryProperty());
        Label title = label(text("activity.title"), "screen-title");
        HBox toolbar = new HBox(10, title, Ui.hSpacer(), summary, new FontIcon(Feather.SEARCH), filter,
                label(text("activity.chartBy"), "caption"), new HBox(byPeer, byApp));
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.getStyleClass().add("activity-toolbar");
        root.setTop(toolbar);

        CategoryAxis minutes = new CategoryAxis();
        minutes.setLabel(text("activity.chart.minute"));
        minutes.setAnimated(false);
        NumberAxis calls = new NumberAxis();
        calls.setLabel(text("activity.chart.calls"));
        calls.setMinorTickVisible(false);
        calls.setAnimated(false);
        calls.setTickLabelFormatter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Number n) {
                // Calls are whole numbers; auto-ranging may put ticks at 2.5.
                return n.doubleValue() == Math.rint(n.doubleValue()) ? Long.toString(n.longValue()) : "";
            }

            @Override
            public Number fromString(String s) {
                return Long.parseLong(s);
            }
        });
        chart = new StackedBarChart<>(minutes, calls);
        chart.setId("activityChart");
        chart.setAnimated(false);
        chart.setLegendSide(Side.RIGHT);
        chart.setCategoryGap(2);
        chart.setTitle(text("activity.chart.title", ActivityViewModel.CHART_MINUTES));
        model.chartProperty().addListener((obs, was, now) -> showChart(now));
        showChart(model.chartProperty().get());

        TableView<ActivityViewModel.Row> table = new TableView<>(model.rows());
        table.setId("activityTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label(text("activity.empty")));
        // One height for every row: uniform rows whatever the cells hold, and cheaper scrolling through long logs.
        table.setFixedCellSize(30);
        table.getColumns().setAll(List.of(
                fixed(column("activity.col.time", r -> TIME.format(r.at()), 135)),
                fixed(column("activity.col.direction", ActivityViewModel.Row::direction, 80)),
                column("activity.col.peer", ActivityViewModel.Row::peer, 170),
                column("activity.col.app", ActivityViewModel.Row::app, 90),
                fixed(column("activity.col.method", ActivityViewModel.Row::method, 80)),
                column("activity.col.path", ActivityViewModel.Row::path, 170),
                column("activity.col.status", r -> r.status() == 0 ? "\u2014" : r.status()
                        + (r.problem() == null ? "" : " " + r.problem()), 170),
                fixed(column("activity.col.in", r -> bytes(r.bytesIn()), 75)),
                fixed(column("activity.col.out", r -> bytes(r.bytesOut()), 75)),
                fixed(column("activity.col.duration", r -> r.durationMs() + " ms", 85))));

        SplitPane split = new SplitPane(chart, table);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.42);
        root.setCenter(split);
    }

    private void showChart(ActivityViewModel.Chart data) {
        List<String> categories = data.minutes().stream().map(MINUTE::format).toList();
        ((CategoryAxis) chart.getXAxis()).getCategories().setAll(categories);
        List<XYChart.Series<String, Number>> series = data.series().entrySet().stream().map(e -> {
            XYChart.Series<String, Number> s = new XYChart.Series<>();
            s.setName(e.getKey());
            for (int i = 0; i < categories.size(); i++) {
                s.getData().add(new XYChart.Data<>(categories.get(i), e.getValue().get(i)));
            }
            return s;
        }).toList();
        chart.getData().setAll(series);
    }

    private static <T> TableColumn<ActivityViewModel.Row, T> column(String key, Function<ActivityViewModel.Row, T> value,
            double width) {
        TableColumn<ActivityViewModel.Row, T> column = new TableColumn<>(text(key));
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    /** Columns whose content has a known width never shrink below it; the text columns give way instead. */
    private static <T> TableColumn<ActivityViewModel.Row, T> fixed(TableColumn<ActivityViewModel.Row, T> column) {
        column.setMinWidth(column.getPrefWidth());
        return column;
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format("%.1f KiB", n / 1024.0);
        }
        if (n < 1024L * 1024 * 1024) {
            return String.format("%.1f MiB", n / (1024.0 * 1024));
        }
        return String.format("%.2f GiB", n / (1024.0 * 1024 * 1024));
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
