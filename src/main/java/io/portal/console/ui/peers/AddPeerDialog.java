package io.portal.console.ui.peers;

import static io.portal.console.ui.common.Ui.label;
import static io.portal.console.ui.common.Ui.text;

import io.portal.console.Messages;
import io.portal.console.peers.QrScanner;
import io.portal.console.store.Peer;
import io.portal.console.ui.common.FileDialogs;
import io.portal.console.ui.common.FxImages;
import java.io.File;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;
import org.controlsfx.validation.Severity;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** "Add peer": one field for the ID (typed, pasted, or read from a QR code), a name and addresses. */
public final class AddPeerDialog {
    static final String[] IMAGE_PATTERNS = {"*.png", "*.jpg", "*.jpeg", "*.gif", "*.bmp", "*.PNG", "*.JPG", "*.JPEG"};

    private final AddPeerViewModel model;
    private final FileDialogs fileDialogs;
    private final ScreenCapture screenCapture;
    private final PasteSource pasteSource;
    private final Dialog<Peer> dialog = new Dialog<>();
    private final ValidationSupport validation = new ValidationSupport();

    public AddPeerDialog(Window owner, AddPeerViewModel model, FileDialogs fileDialogs, ScreenCapture screenCapture,
            PasteSource pasteSource, String stylesheet) {
        this.model = model;
        this.fileDialogs = fileDialogs;
        this.screenCapture = screenCapture;
        this.pasteSource = pasteSource;
        dialog.initOwner(owner);
        dialog.initModality(Modality.WINDOW_MODAL);
        dialog.setTitle(text("addPeer.title"));
        dialog.setHeaderText(null);
        dialog.setResizable(true);
        var pane = dialog.getDialogPane();
        pane.setId("addPeerDialog");
        pane.getStyleClass().add("add-peer");
        if (stylesheet != null) {
            pane.getStylesheets().add(stylesheet);
        }
        ButtonType add = new ButtonType(text("addPeer.add"), ButtonBar.ButtonData.OK_DONE);
        pane.getButtonTypes().addAll(add, ButtonType.CANCEL);
        // The peer is the result only once it has been added (see added()); every button press alone means none.
        dialog.setResultConverter(button -> null);

        TextField idField = new TextField();
        idField.setId("peerIdField");
        idField.getStyleClass().add("mono");
        idField.setPromptText(text("addPeer.id.prompt"));
        idField.textProperty().bindBidirectional(model.idTextProperty());
        validation.registerValidator(idField, false, (control, value) -> ValidationResult.fromMessageIf(control,
                model.idErrorProperty().get(), Severity.ERROR, !model.idErrorProperty().get().isEmpty()));
        model.idErrorProperty().addListener((obs, old, now) -> validation.revalidate(idField));

        Label idMessage = label("", "field-message");
        idMessage.setId("peerIdMessage");
        idMessage.setWrapText(true);
        idMessage.textProperty().bind(javafx.beans.binding.Bindings.when(model.idErrorProperty().isEmpty())
                .then(model.idInfoProperty()).otherwise(model.idErrorProperty()));
        model.idErrorProperty().addListener((obs, old, now) -> idMessage.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("error"), !now.isEmpty()));

        Button fromImage = new Button(text("addPeer.fromImage"), new FontIcon(Feather.IMAGE));
        fromImage.setId("fromImage");
        fromImage.setOnAction(e -> chooseImage());
        Button pasteImage = new Button(text("addPeer.paste"), new FontIcon(Feather.CLIPBOARD));
        pasteImage.setId("pasteImage");
        pasteImage.setOnAction(e -> paste());
        Button scanScreen = new Button(text("addPeer.scanScreen"), new FontIcon(Feather.MONITOR));
        scanScreen.setId("scanScreen");
        scanScreen.setOnAction(e -> scanScreen());
        for (Button b : List.of(fromImage, pasteImage, scanScreen)) {
            b.disableProperty().bind(model.busyProperty());
        }
        HBox scanButtons = new HBox(8, fromImage, pasteImage, scanScreen);
        scanButtons.setAlignment(Pos.CENTER_LEFT);

        Label scanMessage = label("", "field-message");
        scanMessage.setId("scanMessage");
        scanMessage.setWrapText(true);
        scanMessage.textProperty().bind(model.scanMessageProperty());
        scanMessage.managedProperty().bind(scanMessage.textProperty().isNotEmpty());
        scanMessage.visibleProperty().bind(scanMessage.managedProperty());
        model.scanFailedProperty().addListener((obs, old, now) -> scanMessage.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("error"), now));

        ListView<QrScanner.Candidate> candidates = new ListView<>(model.candidates());
        candidates.setId("candidates");
        candidates.setPrefHeight(110);
        candidates.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(QrScanner.Candidate item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.parsed().name().map(n -> n + "  \u00b7  ").orElse("")
                        + item.id().display());
            }
        });
        candidates.setOnMouseClicked(e -> chooseCandidate(candidates));
        candidates.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                chooseCandidate(candidates);
            }
        });
        candidates.managedProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(model.candidates()));
        candidates.visibleProperty().bind(candidates.managedProperty());

        TextField nameField = new TextField();
        nameField.setId("peerNameField");
        nameField.textProperty().bindBidirectional(model.nameProperty());
        nameField.promptTextProperty().bind(model.namePromptProperty());
        Label nameError = errorLabel("peerNameError");
        nameError.textProperty().bind(model.nameErrorProperty());

        TextArea addressesField = new TextArea();
        addressesField.setId("peerAddressesField");
        addressesField.getStyleClass().add("mono");
        addressesField.setPrefRowCount(3);
        addressesField.setPromptText(text("addPeer.addresses.prompt"));
        addressesField.textProperty().bindBidirectional(model.addressesProperty());
        Label addressesError = errorLabel("peerAddressesError");
        addressesError.textProperty().bind(model.addressesErrorProperty());

        VBox content = new VBox(
                label(text("addPeer.heading"), "dialog-title"),
                label(text("addPeer.id.caption"), "caption"), idField, idMessage, scanButtons, scanMessage, candidates,
                label(text("addPeer.name.caption"), "caption", "section-gap"), nameField, nameError,
                label(text("addPeer.addresses.caption"), "caption", "section-gap"), addressesField, addressesError,
                label(text("addPeer.drop.hint"), "hint-text"));
        content.getStyleClass().add("add-peer-content");
        content.setPadding(new Insets(4, 0, 0, 0));
        content.setSpacing(6);
        content.setPrefWidth(660);
        pane.setContent(content);

        Node addButton = pane.lookupButton(add);
        addButton.setId("addPeerButton");
        addButton.disableProperty().bind(model.canAddProperty().not());
        addButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            model.add(this::added);
        });

        pane.setOnDragOver(this::dragOver);
        pane.setOnDragDropped(this::dragDropped);
        pane.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (new KeyCodeCombination(KeyCode.V, KeyCombination.SHORTCUT_DOWN).match(e)
                    && !(e.getTarget() instanceof javafx.scene.control.TextInputControl)) {
                paste();
                e.consume();
            }
        });
        dialog.setOnShown(e -> idField.requestFocus());
    }

    private static Label errorLabel(String id) {
        Label label = label("", "error-text");
        label.setId(id);
        label.setWrapText(true);
        label.managedProperty().bind(label.textProperty().isNotEmpty());
        label.visibleProperty().bind(label.managedProperty());
        return label;
    }

    private void chooseCandidate(ListView<QrScanner.Candidate> list) {
        QrScanner.Candidate chosen = list.getSelectionModel().getSelectedItem();
        if (chosen != null) {
            model.choose(chosen);
        }
    }

    private void added(Peer peer) {
        dialog.setResult(peer);
        dialog.close();
    }

    public Dialog<Peer> dialog() {
        return dialog;
    }

    public AddPeerViewModel model() {
        return model;
    }

    /** Shows the dialog without waiting; the callback gets the added peer. */
    public void show(Consumer<Peer> onAdded) {
        dialog.setOnHidden(e -> {
            Object result = dialog.getResult();
            if (result instanceof Peer peer) {
                onAdded.accept(peer);
            }
        });
        dialog.show();
    }

    public void chooseImage() {
        fileDialogs.chooseOpen(dialog.getDialogPane().getScene().getWindow(), text("addPeer.fromImage.title"),
                text("addPeer.fromImage.filter"), IMAGE_PATTERNS).ifPresent(model::scanFile);
    }

    public void scanScreen() {
        Optional<Image> capture;
        try {
            capture = screenCapture.capture();
        } catch (RuntimeException e) {
            capture = Optional.empty();
        }
        if (capture.isEmpty()) {
            model.refuse(text("addPeer.scanScreen.failed"));
            return;
        }
        scanImage(capture.get(), text("addPeer.source.screen"));
    }

    /** Uses what the clipboard holds: an image, an image file, or text taken as the ID. */
    public void paste() {
        Optional<Image> image = pasteSource.image();
        if (image.isPresent()) {
            scanImage(image.get(), text("addPeer.source.clipboard"));
            return;
        }
        List<File> files = pasteSource.files();
        if (!files.isEmpty()) {
            model.scanFile(files.get(0).toPath());
            return;
        }
        Optional<String> pasted = pasteSource.text();
        if (pasted.isPresent() && !pasted.get().isBlank()) {
            model.useText(pasted.get());
        } else {
            model.refuse(text("addPeer.paste.nothing"));
        }
    }

    void scanImage(Image image, String source) {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        if ((long) width * height > QrScanner.DEFAULT_MAX_PIXELS) {
            model.scanPixels(width, height, new int[0], source);
            return;
        }
        int[] pixels = FxImages.argb(image);
        if (pixels == null) {
            model.refuse(Messages.get("qr.error.none", source));
            return;
        }
        model.scanPixels(width, height, pixels, source);
    }

    static boolean acceptable(Dragboard board) {
        return board.hasFiles() || board.hasImage() || board.hasString();
    }

    private void dragOver(DragEvent e) {
        if (acceptable(e.getDragboard())) {
            e.acceptTransferModes(TransferMode.COPY);
        }
        e.consume();
    }

    private void dragDropped(DragEvent e) {
        e.setDropCompleted(drop(e.getDragboard()));
        e.consume();
    }

    /** Takes a dropped image file, image or text. */
    public boolean drop(Dragboard board) {
        if (board.hasFiles() && !board.getFiles().isEmpty()) {
            model.scanFile(board.getFiles().get(0).toPath());
            return true;
        }
        if (board.hasImage() && board.getImage() != null) {
            scanImage(board.getImage(), text("addPeer.source.dropped"));
            return true;
        }
        if (board.hasString()) {
            String value = board.getString();
            if (value.toLowerCase(Locale.ROOT).startsWith("file:")) {
                model.scanFile(java.nio.file.Path.of(java.net.URI.create(value.strip())));
            } else {
                model.useText(value);
            }
            return true;
        }
        return false;
    }
}
