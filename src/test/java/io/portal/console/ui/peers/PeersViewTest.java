package io.portal.console.ui.peers;

import static io.portal.console.peers.TestIds.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.javafx.scene.input.DragboardHelper;
import com.sun.javafx.tk.Toolkit;
import io.portal.console.app.ConsoleApplication;
import io.portal.console.identity.PortalId;
import io.portal.console.peers.QrPictures;
import io.portal.console.ui.common.BackgroundExecutor;
import io.portal.console.ui.common.FileDialogs;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.DataFormat;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class PeersViewTest {
    @TempDir
    static Path dir;
    static int instance;
    PeersFixture fixture;
    PeersView view;
    final List<Path> opens = new ArrayList<>();

    @Start
    void start(Stage stage) {
        javafx.application.Application.setUserAgentStylesheet(
                new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        fixture = new PeersFixture(dir.resolve("run" + (++instance)).toFile().mkdirs() ? dir.resolve("run" + instance)
                : dir.resolve("run" + instance));
        fixture.book.add(id(2), "Alice", List.of("alice.example.org:7443"));
        fixture.book.add(id(3), "Bob", List.of());
        view = new PeersView(fixture.model(BackgroundExecutor.DIRECT), FileDialogs.answering(new ArrayList<>(), opens),
                Optional::empty, PasteSource.SYSTEM, ConsoleApplication.stylesheet());
        Scene scene = new Scene(view.root(), 1100, 700);
        scene.getStylesheets().add(ConsoleApplication.stylesheet());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    TableView<PeerRow> table(FxRobot robot) {
        return robot.lookup("#peersTable").queryTableView();
    }

    List<String> names(FxRobot robot) {
        return table(robot).getItems().stream().map(PeerRow::name).toList();
    }

    /** Starts a rename in place of the peer with F2 and selects the name, as an owner would to replace it. */
    FxRobot startRename(FxRobot robot, String name) {
        robot.clickOn(name);
        robot.type(KeyCode.F2);
        WaitForAsyncUtils.waitForFxEvents();
        return robot.push(KeyCode.CONTROL, KeyCode.A);
    }

    void openDialogAndPaste(FxRobot robot, String text) {
        robot.clickOn("#addPeer");
        TextField field = robot.lookup("#peerIdField").queryAs(TextField.class);
        robot.interact(() -> field.setText(text));
    }

    @Test
    void pastingAValidIdAddsARow(FxRobot robot) {
        PortalId carol = id(4);
        openDialogAndPaste(robot, carol.display());
        assertThat(robot.lookup("#peerIdMessage").queryAs(Label.class).getText()).contains(carol.display());
        robot.clickOn("#peerNameField").write("Carol");
        robot.clickOn("#addPeerButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(names(robot)).containsExactly("Alice", "Bob", "Carol");
        assertThat(robot.lookup("#addPeerDialog").tryQuery()).isEmpty();
        assertThat(fixture.repository.find(carol)).isPresent();
    }

    @Test
    void aTypoDisablesAddAndNamesTheGroup(FxRobot robot) {
        String canonical = id(4).canonical();
        openDialogAndPaste(robot, AddPeerViewModelTest.withTypo(canonical, 16));
        assertThat(robot.lookup("#addPeerButton").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#peerIdMessage").queryAs(Label.class).getText())
                .isEqualTo("Check character wrong in group 2: the typo is in characters 15 to 28.");
        robot.clickOn("#addPeerButton");
        assertThat(fixture.repository.count()).isEqualTo(2);
        robot.interact(() -> robot.lookup("#peerIdField").queryAs(TextField.class).setText(canonical));
        assertThat(robot.lookup("#addPeerButton").queryButton().isDisabled()).isFalse();
    }

    @Test
    void addsFromAQrImageFileThroughTheFileChooser(FxRobot robot) throws Exception {
        PortalId dave = id(5);
        opens.add(QrPictures.png(dir.resolve("dave.png"), dave.canonical()));
        robot.clickOn("#addPeer");
        robot.clickOn("#fromImage");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#peerIdField").queryAs(TextField.class).getText()).isEqualTo(dave.canonical());
        assertThat(robot.lookup("#scanMessage").queryAs(Label.class).getText()).contains(dave.shortId());
        robot.clickOn("#addPeerButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(names(robot)).contains(dave.shortId());
    }

    @Test
    void aQrOfAUrlSaysSoAndAddsNothing(FxRobot robot) throws Exception {
        opens.add(QrPictures.png(dir.resolve("url.png"), "https://example.org/party"));
        robot.clickOn("#addPeer");
        robot.clickOn("#fromImage");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#scanMessage").queryAs(Label.class).getText())
                .isEqualTo("This QR code is not a Portal ID (it contains: https://example.org/party).");
        assertThat(robot.lookup("#addPeerButton").queryButton().isDisabled()).isTrue();
    }

    @Test
    void droppingAnImageOnTheScreenOpensTheDialogWithTheId(FxRobot robot) throws Exception {
        PortalId erin = id(6);
        File image = QrPictures.png(dir.resolve("erin.png"), erin.canonical()).toFile();
        Node target = robot.lookup("#peersTable").query();
        robot.interact(() -> {
            Dragboard board = DragboardHelper.createDragboard(Toolkit.getToolkit().createLocalClipboard());
            board.setContent(Map.of(DataFormat.FILES, List.of(image)));
            Event.fireEvent(target, new DragEvent(DragEvent.DRAG_DROPPED, board, 10, 10, 10, 10, TransferMode.COPY,
                    null, target, null));
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#peerIdField").queryAs(TextField.class).getText()).isEqualTo(erin.canonical());
        robot.clickOn("#addPeerButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(names(robot)).contains(erin.shortId());
    }

    @Test
    void removeWithConfirmationThenUndo(FxRobot robot) {
        robot.clickOn("Alice");
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        Button confirm = robot.lookup("#removePeerDialog .button").queryAll().stream()
                .filter(n -> n instanceof Button b && b.getText().equals("Remove")).map(Button.class::cast)
                .findFirst().orElseThrow();
        robot.clickOn(confirm);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(names(robot)).containsExactly("Bob");
        assertThat(fixture.repository.find(id(2))).isEmpty();
        assertThat(robot.lookup("#undoMessage").queryAs(Label.class).getText()).isEqualTo("Removed \u201cAlice\u201d.");
        robot.clickOn("#undoRemove");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(names(robot)).containsExactly("Alice", "Bob");
        assertThat(fixture.repository.find(id(2)).orElseThrow().addresses()).containsExactly("alice.example.org:7443");
        assertThat(robot.lookup("#undoBar").query().isVisible()).isFalse();
    }

    @Test
    void renameInPlaceWithF2(FxRobot robot) {
        startRename(robot, "Bob").write("Bob Smith").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(names(robot)).containsExactly("Alice", "Bob Smith");
        assertThat(fixture.repository.find(id(3)).orElseThrow().name()).isEqualTo("Bob Smith");
    }

    @Test
    void aRenameUnderWaySurvivesChangesFromElsewhereWhichShowWhenItEnds(FxRobot robot) {
        startRename(robot, "Bob").write("Bob S");
        // Alice is reached and Frank is added meanwhile, through another door.
        fixture.repository.recordContact(id(2), true, PeersFixture.NOW);
        fixture.book.add(id(7), "Frank", List.of());
        robot.interact(fixture::fireChange);
        assertThat(table(robot).getEditingCell()).isNotNull();
        assertThat(names(robot)).containsExactly("Alice", "Bob");

        robot.write("mith").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(names(robot)).containsExactly("Alice", "Bob Smith", "Frank");
        assertThat(table(robot).getItems().get(0).peer().online()).isTrue();
        assertThat(fixture.repository.find(id(3)).orElseThrow().name()).isEqualTo("Bob Smith");
    }

    @Test
    void changesHeldDuringACancelledRenameShowWhenItEnds(FxRobot robot) {
        startRename(robot, "Bob");
        fixture.book.add(id(7), "Frank", List.of());
        robot.interact(fixture::fireChange);
        assertThat(names(robot)).containsExactly("Alice", "Bob");
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table(robot).getEditingCell()).isNull();
        assertThat(names(robot)).containsExactly("Alice", "Bob", "Frank");
        assertThat(fixture.repository.find(id(3)).orElseThrow().name()).isEqualTo("Bob");
    }

    @Test
    void movingTheFocusElsewhereCommitsTheRenameAndShowsWhatWasHeld(FxRobot robot) {
        startRename(robot, "Bob").write("Bobby");
        fixture.book.add(id(7), "Frank", List.of());
        robot.interact(fixture::fireChange);
        assertThat(names(robot)).containsExactly("Alice", "Bob");

        robot.clickOn("#peerFilter");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table(robot).getEditingCell()).isNull();
        assertThat(names(robot)).containsExactly("Alice", "Bobby", "Frank");
        assertThat(fixture.repository.find(id(3)).orElseThrow().name()).isEqualTo("Bobby");
    }

    @Test
    void clickingAButtonCommitsTheRenameAndLeavesNoCellDrawnAsEdited(FxRobot robot) {
        startRename(robot, "Bob").write("Bobby");
        robot.clickOn("#addPeer");
        WaitForAsyncUtils.waitForFxEvents();
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fixture.repository.find(id(3)).orElseThrow().name()).isEqualTo("Bobby");
        List<NameCell> cells = robot.lookup(".table-cell").queryAll().stream()
                .filter(NameCell.class::isInstance).map(NameCell.class::cast).toList();
        assertThat(cells).isNotEmpty().allSatisfy(cell -> {
            assertThat(cell.getGraphic()).isNull();
            assertThat(cell.getPseudoClassStates()).extracting(Object::toString).doesNotContain("focus-within");
        });
    }

    @Test
    void aDropOrPasteDuringARenameCommitsItBeforeTheDialogOpens(FxRobot robot) {
        startRename(robot, "Alice").write("Alice W");
        robot.interact(() -> view.openAddDialog(dialog -> { }));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#addPeerDialog").tryQuery()).isPresent();
        assertThat(fixture.repository.find(id(2)).orElseThrow().name()).isEqualTo("Alice W");
        robot.type(KeyCode.ESCAPE);
    }

    @Test
    void aRefusedOrUnchangedRenameShowsThePeersNameAgain(FxRobot robot) {
        startRename(robot, "Bob").type(KeyCode.BACK_SPACE).type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(cellTexts(robot)).contains("Alice", "Bob");
        assertThat(robot.lookup("#peersStatus").tryQuery().map(n -> ((Label) n).getText()))
                .hasValueSatisfying(text -> assertThat(text).contains("empty"));

        startRename(robot, "Bob").write("  Bob ").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(cellTexts(robot)).contains("Alice", "Bob");
        assertThat(fixture.repository.find(id(3)).orElseThrow().name()).isEqualTo("Bob");
    }

    List<String> cellTexts(FxRobot robot) {
        return robot.lookup(".table-cell").queryAll().stream().filter(NameCell.class::isInstance)
                .map(n -> ((NameCell) n).getText()).filter(t -> t != null).toList();
    }

    @Test
    void filterByNameOrIdAndEmptyState(FxRobot robot) {
        robot.clickOn("#peerFilter").write("ali");
        assertThat(names(robot)).containsExactly("Alice");
        robot.interact(() -> robot.lookup("#peerFilter").queryAs(TextField.class).setText(id(3).shortId().toLowerCase()));
        assertThat(names(robot)).containsExactly("Bob");
        robot.interact(() -> robot.lookup("#peerFilter").queryAs(TextField.class).setText("zzzz!"));
        assertThat(names(robot)).isEmpty();
        assertThat(robot.lookup("#placeholderTitle").queryAs(Label.class).getText()).isEqualTo("No peer matches \u201czzzz!\u201d");
        assertThat(robot.lookup("#peerCount").queryAs(Label.class).getText()).isEqualTo("0 of 2 peers");
    }

    @Test
    void theSelectedPeerStaysSelectedWhileFilteringAndComesBackAfter(FxRobot robot) {
        fixture.book.add(id(10), "Ann 9", List.of());
        fixture.book.add(id(11), "Ben +", List.of());
        fixture.book.add(id(12), "Cat 9", List.of());
        fixture.book.add(id(13), "Dan +", List.of());
        robot.interact(fixture::fireChange);
        robot.clickOn("Cat 9");
        TextField filter = robot.lookup("#peerFilter").queryAs(TextField.class);
        // Rows leave on both sides of the selected one.
        robot.interact(() -> filter.setText("9"));
        assertThat(names(robot)).containsExactly("Ann 9", "Cat 9");
        assertThat(table(robot).getSelectionModel().getSelectedItem().name()).isEqualTo("Cat 9");
        robot.interact(() -> filter.setText("+"));
        assertThat(names(robot)).containsExactly("Ben +", "Dan +");
        assertThat(table(robot).getSelectionModel().getSelectedItem()).isNull();
        robot.interact(() -> filter.setText(""));
        assertThat(table(robot).getSelectionModel().getSelectedItem().name()).isEqualTo("Cat 9");
    }

    @Test
    void clickingAColumnHeaderSortsTheFilteredRows(FxRobot robot) {
        fixture.book.add(id(10), "Ann 9", List.of());
        fixture.book.add(id(11), "Ben 9", List.of());
        robot.interact(fixture::fireChange);
        assertThat(names(robot)).containsExactly("Alice", "Ann 9", "Ben 9", "Bob");
        robot.interact(() -> robot.lookup("#peerFilter").queryAs(TextField.class).setText("9"));
        robot.clickOn(robot.lookup(".column-header").match(n -> "nameColumn".equals(n.getId())).queryAs(Node.class));
        assertThat(names(robot)).containsExactly("Ben 9", "Ann 9");
        robot.interact(() -> robot.lookup("#peerFilter").queryAs(TextField.class).setText(""));
        assertThat(names(robot)).containsExactly("Bob", "Ben 9", "Ann 9", "Alice");
    }

    @Test
    void rowsHaveOneFixedHeightFromTheStyleSheet(FxRobot robot) {
        assertThat(table(robot).getFixedCellSize()).isEqualTo(2.8 * robot.lookup(".table-row-cell").queryAs(
                javafx.scene.control.TableRow.class).getFont().getSize(), org.assertj.core.data.Offset.offset(0.5));
    }

    @Test
    void changesFromElsewhereAppear(FxRobot robot) {
        fixture.book.add(id(7), "Frank", List.of());
        robot.interact(fixture::fireChange);
        assertThat(names(robot)).containsExactly("Alice", "Bob", "Frank");
    }
}
