package io.portal.console.ui.apps;

import static org.assertj.core.api.Assertions.assertThat;

import io.portal.console.app.DataDirectory;
import io.portal.console.app.PortalConsole;
import io.portal.console.apps.RegisteredApp;
import io.portal.console.apps.Registration;
import io.portal.console.apps.Sharing;
import io.portal.console.apps.SharingMode;
import io.portal.console.identity.PortalId;
import io.portal.console.store.Changes;
import io.portal.console.store.Peer;
import io.portal.console.store.PeerState;
import io.portal.console.ui.common.BackgroundExecutor;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppsViewModelTest {
    @TempDir
    Path dir;
    private PortalConsole console;
    private AppsViewModel model;
    private final List<String> clipboard = new ArrayList<>();

    static PortalId id(int n) {
        byte[] bytes = new byte[PortalId.BYTES];
        Arrays.fill(bytes, (byte) n);
        return PortalId.ofBytes(bytes);
    }

    static Path fixture(String name) {
        try {
            return Path.of(Objects.requireNonNull(AppsViewModelTest.class.getResource("/manifests/" + name)).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void open() {
        console = PortalConsole.open(new DataDirectory(dir));
        console.peers().add(Peer.added(id(1), "Alice", List.of(), Instant.EPOCH));
        console.peers().add(Peer.added(id(2), "Bob", List.of(), Instant.EPOCH));
        console.peers().add(Peer.added(id(3), "Carol", List.of(), Instant.EPOCH));
        console.peers().setState(id(3), PeerState.BLOCKED);
        model = new AppsViewModel(console.appRegistry(), console.peers(), Changes.NONE, BackgroundExecutor.DIRECT,
                clipboard::add);
    }

    @AfterEach
    void close() throws Exception {
        model.close();
        console.close();
    }

    private Sharing sharing(String app) {
        return console.appRegistry().find(app).orElseThrow().sharing();
    }

    private PeerChoice choice(String name) {
        return model.peerChoices().stream().filter(c -> c.peer().name().equals(name)).findFirst().orElseThrow();
    }

    private MatrixRow row(String name) {
        return model.matrixRows().stream().filter(r -> r.peer().name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void addingAnAppSelectsItAndIssuesItsTokenOnce() {
        model.addApp(fixture("v1-paths.json"));
        assertThat(model.apps()).extracting(RegisteredApp::name).containsExactly("notes");
        assertThat(model.selected()).map(RegisteredApp::name).contains("notes");
        IssuedToken token = model.issuedTokenProperty().get();
        assertThat(token.appName()).isEqualTo("notes");
        assertThat(token.rotated()).isFalse();
        assertThat(console.appRegistry().authenticate(token.token())).isPresent();
        assertThat(model.statusProperty().get()).contains("shared with nobody");
        model.copyToken(token);
        assertThat(clipboard).containsExactly(token.token());
        model.tokenShown();
        assertThat(model.issuedTokenProperty().get()).isNull();
        assertThat(model.modeProperty().get()).isEqualTo(SharingMode.NONE);
    }

    @Test
    void refusalsAreShownAsErrors() {
        model.addApp(fixture("invalid-access.json"));
        assertThat(model.statusIsErrorProperty().get()).isTrue();
        assertThat(model.statusProperty().get())
                .isEqualTo("Cannot add invalid-access.json: paths./peer/.access: must be one of public, private, peer");
        assertThat(model.apps()).isEmpty();
    }

    @Test
    void aManifestWithoutPortAsksForTheUrl() {
        model.addApp(fixture("v3-entrypoints-no-port.json"));
        assertThat(model.urlNeededForProperty().get()).isEqualTo(fixture("v3-entrypoints-no-port.json"));
        model.addApp(fixture("v3-entrypoints-no-port.json"), "localhost:8000");
        assertThat(model.statusIsErrorProperty().get()).isTrue();
        assertThat(model.apps()).isEmpty();
        model.addApp(fixture("v3-entrypoints-no-port.json"), "http://127.0.0.1:8000");
        assertThat(model.apps()).extracting(RegisteredApp::name).containsExactly("wiki");
        assertThat(model.urlNeededForProperty().get()).isNull();
    }

    @Test
    void modesAndTicksAreWrittenAndSelectedModeRemembersItsPeers() {
        model.addApp(fixture("v1-paths.json"));
        model.setMode(SharingMode.SELECTED);
        assertThat(sharing("notes")).isEqualTo(Sharing.selected(Set.of()));
        choice("Bob").sharedProperty().set(true);
        assertThat(sharing("notes")).isEqualTo(Sharing.selected(Set.of(id(2))));
        model.setMode(SharingMode.ALL);
        assertThat(sharing("notes")).isEqualTo(Sharing.ALL);
        assertThat(model.peerChoices()).allMatch(PeerChoice::isShared);
        model.setMode(SharingMode.SELECTED);
        assertThat(sharing("notes")).isEqualTo(Sharing.selected(Set.of(id(2))));
        assertThat(choice("Bob").isShared()).isTrue();
        assertThat(choice("Alice").isShared()).isFalse();
        model.setMode(SharingMode.NONE);
        assertThat(sharing("notes")).isEqualTo(Sharing.NONE);
    }

    @Test
    void searchFiltersTheCheckListAndTickShownTicksOnlyThose() {
        model.addApp(fixture("v1-paths.json"));
        model.setMode(SharingMode.SELECTED);
        model.peerFilterProperty().set("ali");
        assertThat(model.peerChoices()).extracting(c -> c.peer().name()).containsExactly("Alice");
        model.peerFilterProperty().set(id(2).display().substring(0, 9).toLowerCase());
        assertThat(model.peerChoices()).extracting(c -> c.peer().name()).containsExactly("Bob");
        model.tickShown(true);
        assertThat(sharing("notes")).isEqualTo(Sharing.selected(Set.of(id(2))));
        model.peerFilterProperty().set("");
        model.tickShown(true);
        assertThat(sharing("notes").peers()).containsExactlyInAnyOrder(id(1), id(2), id(3));
        model.peerFilterProperty().set("carol");
        model.tickShown(false);
        assertThat(sharing("notes").peers()).containsExactlyInAnyOrder(id(1), id(2));
    }

    @Test
    void matrixTicksFollowTheModeOfEachApp() {
        model.addApp(fixture("v1-paths.json"));
        model.addApp(fixture("v2-services.json"));
        assertThat(model.matrixRows()).hasSize(3);
        row("Alice").cell("notes").set(true);
        assertThat(sharing("notes")).isEqualTo(Sharing.selected(Set.of(id(1))));
        console.appRegistry().share("chat", Sharing.ALL);
        model.reload();
        assertThat(row("Bob").cell("chat").get()).isTrue();
        row("Bob").cell("chat").set(false);
        assertThat(sharing("chat")).isEqualTo(Sharing.selected(Set.of(id(1), id(3))));
        model.matrixFilterProperty().set("car");
        assertThat(model.matrixRows()).extracting(r -> r.peer().name()).containsExactly("Carol");
        assertThat(row("Carol").label()).contains("blocked");
    }

    @Test
    void aTickWhoseWriteFailsIsUndoneByTheReloadAfterIt() {
        model.addApp(fixture("v1-paths.json"));
        model.reload();
        console.database().write(c -> {
            try (var s = c.createStatement()) {
                return s.executeUpdate("CREATE TRIGGER refuse_shares BEFORE INSERT ON app_shares "
                        + "BEGIN SELECT RAISE(ABORT, 'refused'); END");
            }
        });
        row("Alice").cell("notes").set(true);
        assertThat(model.statusIsErrorProperty().get()).isTrue();
        assertThat(sharing("notes").mode()).isEqualTo(SharingMode.NONE);
        assertThat(row("Alice").cell("notes").get()).isFalse();
    }

    @Test
    void aReloadWhereOnlyContactTimesChangedLeavesTheTicksAsTheyAre() {
        model.addApp(fixture("v1-paths.json"));
        row("Alice").cell("notes").set(true);
        List<Boolean> changes = new ArrayList<>();
        row("Bob").cell("notes").addListener((obs, was, now) -> changes.add(now));
        console.peers().recordContact(id(1), true, Instant.now());
        model.reload();
        assertThat(row("Alice").cell("notes").get()).isTrue();
        assertThat(changes).isEmpty();
        console.appRegistry().share("notes", Sharing.selected(Set.of(id(2))));
        model.reload();
        assertThat(row("Alice").cell("notes").get()).isFalse();
        assertThat(changes).containsExactly(true);
    }

    @Test
    void changesMadeElsewhereShowAfterAReload() {
        Registration registration = console.appRegistry().register(fixture("v1-paths.json"), Optional.empty());
        assertThat(registration).isInstanceOf(Registration.Registered.class);
        model.reload();
        model.select("notes");
        console.appRegistry().share("notes", Sharing.selected(Set.of(id(1))));
        model.reload();
        assertThat(model.modeProperty().get()).isEqualTo(SharingMode.SELECTED);
        assertThat(choice("Alice").isShared()).isTrue();
        assertThat(model.selected()).map(RegisteredApp::name).contains("notes");
        console.peers().add(Peer.added(id(4), "Dave", List.of(), Instant.EPOCH));
        model.reload();
        assertThat(choice("Dave").isShared()).isFalse();
        assertThat(row("Dave").cell("notes").get()).isFalse();
    }

    @Test
    void rotateAndRemove() {
        model.addApp(fixture("v1-paths.json"));
        String first = model.issuedTokenProperty().get().token();
        model.tokenShown();
        model.rotateSelectedToken();
        IssuedToken rotated = model.issuedTokenProperty().get();
        assertThat(rotated.rotated()).isTrue();
        assertThat(console.appRegistry().authenticate(first)).isEmpty();
        assertThat(console.appRegistry().authenticate(rotated.token())).isPresent();
        model.removeSelected();
        assertThat(model.apps()).isEmpty();
        assertThat(model.selected()).isEmpty();
        assertThat(console.appRegistry().list()).isEmpty();
    }
}
