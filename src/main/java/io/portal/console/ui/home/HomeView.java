package io.portal.console.ui.home;

import static io.portal.console.ui.common.Ui.label;
import static io.portal.console.ui.common.Ui.text;
import static io.portal.console.ui.common.Ui.tooltip;

import io.portal.console.ui.common.FileDialogs;
import io.portal.console.ui.common.QrImages;
import io.portal.console.ui.common.ScreenView;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The home screen: this Portal's name, short ID, full ID and QR code. */
public final class HomeView implements ScreenView {
    static final int QR_PIXELS_PER_MODULE = 7;

    private final HomeViewModel model;
    private final FileDialogs fileDialogs;
    private final BorderPane root = new BorderPane();
    private final Label nameLabel = label("", "portal-name");
    private final TextField nameField = new TextField();
    private final StackPane nameSlot = new StackPane();
    private final HBox nameRow;
    private final StackPane card = new StackPane();
    private boolean compact;
    private double wideWidth;

    public HomeView(HomeViewModel model, FileDialogs fileDialogs) {
        this.model = model;
        this.fileDialogs = fileDialogs;
        root.getStyleClass().add("home");

        nameLabel.setId("portalName");
        nameLabel.textProperty().bind(model.nameProperty());
        tooltip(nameLabel, text("home.name.edit"));
        nameLabel.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                startRename();
            }
        });
        Button rename = new Button(null, new FontIcon(Feather.EDIT_2));
        rename.setId("renamePortal");
        rename.getStyleClass().addAll("flat", "button-icon");
        tooltip(rename, text("home.name.edit"));
        rename.setOnAction(e -> startRename());
        nameRow = new HBox(8, nameLabel, rename);
        nameRow.setAlignment(Pos.CENTER_LEFT);

        nameField.setId("nameField");
        nameField.getStyleClass().add("name-field");
        nameField.setPromptText(text("home.name.prompt"));
        nameField.setOnAction(e -> commitRename());
        nameField.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                cancelRename();
                e.consume();
            }
        });
        nameField.focusedProperty().addListener((obs, was, focused) -> {
            if (!focused && nameSlot.getChildren().contains(nameField)) {
                commitRename();
            }
        });
        nameSlot.setAlignment(Pos.CENTER_LEFT);
        nameSlot.getChildren().add(nameRow);

        Label nameError = label("", "error-text");
        nameError.setId("nameError");
        nameError.textProperty().bind(model.nameErrorProperty());
        nameError.managedProperty().bind(nameError.textProperty().isNotEmpty());
        nameError.visibleProperty().bind(nameError.managedProperty());

        Label shortId = label(model.shortId(), "short-id");
        shortId.setId("shortId");

        TextField fullId = new TextField(model.displayId());
        fullId.setId("fullId");
        fullId.setEditable(false);
        fullId.getStyleClass().add("full-id");
        fullId.setPrefColumnCount(model.displayId().length());

        Button copy = new Button(text("home.copy"), new FontIcon(Feather.COPY));
        copy.setId("copyId");
        copy.getStyleClass().add("accent");
        copy.disableProperty().bind(model.copyIdCommand().executableProperty().not());
        copy.setOnAction(e -> model.copyIdCommand().execute());
        Button saveQr = new Button(text("home.saveQr"), new FontIcon(Feather.DOWNLOAD));
        saveQr.setId("saveQr");
        saveQr.setOnAction(e -> saveQr());
        HBox actions = new HBox(10, copy, saveQr);

        VBox who = new VBox(4,
                label(text("home.heading"), "caption"), nameSlot, nameError,
                label(text("home.shortId.caption"), "caption", "section-gap"), shortId);
        VBox fullIdBox = new VBox(4, label(text("home.fullId.caption"), "caption", "section-gap"), fullId);
        VBox.setMargin(actions, new javafx.geometry.Insets(20, 0, 0, 0));

        ImageView qr = new ImageView(QrImages.toImage(model.qrCode(), QR_PIXELS_PER_MODULE));
        qr.setId("qrImage");
        qr.setSmooth(false);
        StackPane qrFrame = new StackPane(qr);
        qrFrame.getStyleClass().add("qr-frame");
        qrFrame.setMaxSize(javafx.scene.layout.Region.USE_PREF_SIZE, javafx.scene.layout.Region.USE_PREF_SIZE);
        Label qrCaption = label(text("home.qr.caption"), "qr-caption");
        qrCaption.setWrapText(true);
        qrCaption.maxWidthProperty().bind(qrFrame.widthProperty());
        VBox qrColumn = new VBox(12, qrFrame, qrCaption);
        qrColumn.setAlignment(Pos.TOP_CENTER);
        qrColumn.getStyleClass().add("qr-column");

        card.getStyleClass().add("home-card");
        card.setMaxSize(javafx.scene.layout.Region.USE_PREF_SIZE, javafx.scene.layout.Region.USE_PREF_SIZE);
        StackPane center = new StackPane(card);
        center.getStyleClass().add("home-center");
        arrangeWide(who, fullIdBox, actions, qrColumn);
        // The full ID must stay whole: where the wide card does not fit, the ID moves below the name and QR code.
        center.widthProperty().addListener((obs, old, width) -> {
            double available = width.doubleValue() - center.snappedLeftInset() - center.snappedRightInset();
            if (!compact && available < card.prefWidth(-1)) {
                wideWidth = card.prefWidth(-1);
                arrangeCompact(who, fullIdBox, actions, qrColumn);
            } else if (compact && available >= wideWidth) {
                arrangeWide(who, fullIdBox, actions, qrColumn);
            }
        });
        root.setCenter(center);

        Label status = label("", "status-text");
        status.setId("status");
        status.textProperty().bind(model.statusProperty());
        Label service = label("", "status-text");
        service.setId("serviceStatus");
        service.textProperty().bind(model.serviceStatusProperty());
        HBox statusBar = new HBox(16, status, io.portal.console.ui.common.Ui.hSpacer(), service);
        statusBar.getStyleClass().add("status-bar");
        statusBar.setAlignment(Pos.CENTER_LEFT);
        root.setBottom(statusBar);
    }

    /** Name, IDs and buttons in one column, the QR code beside them. */
    private void arrangeWide(VBox who, VBox fullIdBox, HBox actions, VBox qrColumn) {
        compact = false;
        card.getStyleClass().remove("compact");
        VBox identity = new VBox(who, fullIdBox, actions);
        identity.getStyleClass().add("identity-column");
        card.getChildren().setAll(row(identity, qrColumn));
    }

    /** Name, short ID and buttons beside the QR code; the full ID across the card below them. */
    private void arrangeCompact(VBox who, VBox fullIdBox, HBox actions, VBox qrColumn) {
        compact = true;
        card.getStyleClass().add("compact");
        VBox identity = new VBox(who, actions);
        identity.getStyleClass().add("identity-column");
        VBox stacked = new VBox(row(identity, qrColumn), fullIdBox);
        stacked.getStyleClass().add("identity-column");
        card.getChildren().setAll(stacked);
    }

    private static HBox row(VBox identity, VBox qrColumn) {
        HBox row = new HBox(identity, qrColumn);
        row.getStyleClass().add("home-card-row");
        row.setAlignment(Pos.CENTER);
        return row;
    }

    private void startRename() {
        nameField.setText(model.nameProperty().get());
        nameSlot.getChildren().setAll(nameField);
        nameField.requestFocus();
        nameField.selectAll();
    }

    private void commitRename() {
        if (model.rename(nameField.getText())) {
            nameSlot.getChildren().setAll(nameRow);
        }
    }

    private void cancelRename() {
        model.cancelRename();
        nameSlot.getChildren().setAll(nameRow);
    }

    private void saveQr() {
        fileDialogs.chooseSave(root.getScene().getWindow(), text("home.saveQr.title"), model.suggestedQrFileName(),
                text("home.saveQr.filter"), "*.png").ifPresent(model::saveQr);
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public void close() {
        try {
            model.close();
        } catch (Exception ignored) {
            // Unsubscribing cannot fail in a way the owner could act on.
        }
    }
}
