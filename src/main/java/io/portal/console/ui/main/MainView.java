package io.portal.console.ui.main;

import io.portal.console.ui.common.ScreenView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** The window's frame: navigation on the left, the chosen screen on the right. */
public final class MainView implements ScreenView {
    private final BorderPane root = new BorderPane();
    private final StackPane content = new StackPane();
    private final ToggleGroup navigation = new ToggleGroup();
    private final Map<String, Screen> screens = new LinkedHashMap<>();
    private final Map<String, ScreenView> built = new LinkedHashMap<>();
    private final Map<String, ToggleButton> buttons = new LinkedHashMap<>();

    public MainView(String productName, Image logo, List<Screen> screenList) {
        root.getStyleClass().add("main");
        ImageView logoView = new ImageView(logo);
        logoView.setFitWidth(28);
        logoView.setFitHeight(28);
        logoView.setSmooth(true);
        Label brand = new Label(productName, logoView);
        brand.getStyleClass().add("brand");
        VBox nav = new VBox(brand);
        nav.getStyleClass().add("nav");
        for (Screen screen : screenList) {
            screens.put(screen.id(), screen);
            ToggleButton button = new ToggleButton(screen.title(), new FontIcon(screen.icon()));
            button.setId("nav-" + screen.id());
            button.getStyleClass().add("nav-button");
            button.setToggleGroup(navigation);
            button.setMaxWidth(Double.MAX_VALUE);
            button.setAlignment(Pos.CENTER_LEFT);
            button.setOnAction(e -> show(screen.id()));
            buttons.put(screen.id(), button);
            nav.getChildren().add(button);
        }
        // Keep one screen selected: clicking the current one again does not deselect it.
        navigation.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null && old != null) {
                navigation.selectToggle(old);
            }
        });
        content.getStyleClass().add("content");
        root.setLeft(nav);
        root.setCenter(content);
        if (!screenList.isEmpty()) {
            show(screenList.get(0).id());
        }
        HBox.setHgrow(content, javafx.scene.layout.Priority.ALWAYS);
    }

    /** Opens a screen by its id, building it on first use. */
    public void show(String id) {
        Screen screen = screens.get(id);
        if (screen == null) {
            throw new IllegalArgumentException("no screen " + id);
        }
        ScreenView view = built.computeIfAbsent(id, key -> screen.factory().get());
        content.getChildren().setAll(view.root());
        buttons.get(id).setSelected(true);
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public void close() {
        built.values().forEach(ScreenView::close);
    }
}
