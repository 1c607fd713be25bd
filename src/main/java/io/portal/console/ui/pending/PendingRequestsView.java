package io.portal.console.ui.pending;

import static io.portal.console.ui.common.Ui.label;
import static io.portal.console.ui.common.Ui.text;

import io.portal.console.store.PendingRequest;
import io.portal.console.ui.common.Ui;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** A banner per pending request: "Portal ABC123 wants to connect" with Accept, Ignore and Block. Hidden when none. */
public final class PendingRequestsView {
    private final PendingRequestsViewModel model;
    private final VBox root = new VBox(6);
    private final Label status = label("", "pending-status");

    public PendingRequestsView(PendingRequestsViewModel model) {
        this.model = model;
        root.setId("pendingRequests");
        root.getStyleClass().add("pending-requests");
        root.managedProperty().bind(root.visibleProperty());
        status.setId("pendingStatus");
        status.textProperty().bind(model.statusProperty());
        status.textProperty().addListener((obs, was, now) -> rebuild());
        model.items().addListener((ListChangeListener<PendingRequest>) c -> rebuild());
        rebuild();
    }

    private void rebuild() {
        root.getChildren().setAll(model.items().stream().map(this::banner).toList());
        // What the last answer did stays in view after its banner is gone.
        if (!status.getText().isEmpty()) {
            root.getChildren().add(status);
        }
        root.setVisible(!root.getChildren().isEmpty());
    }

    private Node banner(PendingRequest request) {
        FontIcon icon = new FontIcon(Feather.USER_PLUS);
        icon.getStyleClass().add("pending-icon");
        Label headline = label(PendingRequestsViewModel.headline(request), "pending-headline");
        Label details = label(PendingRequestsViewModel.details(request), "pending-details");
        VBox texts = new VBox(2, headline, details);
        Button accept = new Button(text("pending.accept"), new FontIcon(Feather.CHECK));
        accept.getStyleClass().add("success");
        accept.setId("accept-" + request.shortId());
        accept.setOnAction(e -> model.accept(request));
        Button ignore = new Button(text("pending.ignore"));
        ignore.setId("ignore-" + request.shortId());
        ignore.setOnAction(e -> model.ignore(request));
        Button block = new Button(text("pending.block"), new FontIcon(Feather.SLASH));
        block.getStyleClass().add("danger");
        block.setId("block-" + request.shortId());
        block.setOnAction(e -> model.block(request));
        HBox banner = new HBox(12, icon, texts, Ui.hSpacer(), accept, ignore, block);
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.getStyleClass().add("pending-banner");
        return banner;
    }

    public Node root() {
        return root;
    }
}
