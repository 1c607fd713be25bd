package io.portal.console.ui.peers;

import static io.portal.console.peers.TestIds.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.portal.console.identity.PortalId;
import io.portal.console.peers.QrPictures;
import io.portal.console.peers.QrScanner;
import io.portal.console.store.Peer;
import io.portal.console.ui.common.BackgroundExecutor;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AddPeerViewModelTest {
    @TempDir
    Path dir;
    PeersFixture fixture;
    AddPeerViewModel model;
    final List<Peer> added = new ArrayList<>();

    @BeforeEach
    void setUp() {
        fixture = new PeersFixture(dir);
        model = new AddPeerViewModel(fixture.book, new QrScanner(), BackgroundExecutor.DIRECT);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    static String withTypo(String canonical, int index) {
        char c = canonical.charAt(index);
        return canonical.substring(0, index) + (c == 'Q' ? 'R' : 'Q') + canonical.substring(index + 1);
    }

    @Test
    void aValidIdEnablesAddAndTheNameDefaultsToTheShortId() {
        PortalId friend = id(2);
        assertThat(model.canAddProperty().get()).isFalse();
        assertThat(model.idErrorProperty().get()).isEmpty();
        model.idTextProperty().set(friend.display().toLowerCase());
        assertThat(model.idErrorProperty().get()).isEmpty();
        assertThat(model.idInfoProperty().get()).contains(friend.display());
        assertThat(model.namePromptProperty().get()).isEqualTo(friend.shortId());
        assertThat(model.canAddProperty().get()).isTrue();
        model.add(added::add);
        assertThat(added).singleElement().satisfies(p -> assertThat(p.name()).isEqualTo(friend.shortId()));
        assertThat(fixture.repository.find(friend)).isPresent();
    }

    @Test
    void aTypoNamesTheGroupAndDisablesAdd() {
        model.idTextProperty().set(withTypo(id(2).canonical(), 30));
        assertThat(model.idErrorProperty().get())
                .isEqualTo("Check character wrong in group 3: the typo is in characters 29 to 42.");
        assertThat(model.canAddProperty().get()).isFalse();
        model.add(added::add);
        assertThat(added).isEmpty();
        assertThat(fixture.repository.count()).isZero();
    }

    @Test
    void wrongLengthGarbageOwnIdAndDuplicatesAreRefusedAsTyped() {
        model.idTextProperty().set(id(2).canonical().substring(0, 50));
        assertThat(model.idErrorProperty().get()).isEqualTo("Wrong length: found 50 characters, a Portal ID has 56.");
        model.idTextProperty().set("hello, world");
        assertThat(model.idErrorProperty().get()).startsWith("Invalid character ','");
        model.idTextProperty().set(fixture.own.canonical());
        assertThat(model.idErrorProperty().get()).contains("your own Portal");
        fixture.book.add(id(3), "Carol", List.of());
        model.idTextProperty().set(id(3).canonical());
        assertThat(model.idErrorProperty().get()).isEqualTo("This Portal is already a peer, named \u201cCarol\u201d.");
        assertThat(model.canAddProperty().get()).isFalse();
        model.idTextProperty().set("");
        assertThat(model.idErrorProperty().get()).isEmpty();
        assertThat(model.canAddProperty().get()).isFalse();
    }

    @Test
    void nameAndAddressesAreValidated() {
        model.idTextProperty().set(id(2).canonical());
        model.nameProperty().set("x".repeat(65));
        assertThat(model.nameErrorProperty().get()).contains("too long");
        assertThat(model.canAddProperty().get()).isFalse();
        model.nameProperty().set("Alice");
        model.addressesProperty().set("alice.example.org:7443\nalice.lan");
        assertThat(model.addressesErrorProperty().get()).isEqualTo(
                "Address 2: \u2018alice.lan\u2019 has no port: write host:port, for example portal.example.org:7443.");
        assertThat(model.canAddProperty().get()).isFalse();
        model.addressesProperty().set("alice.example.org:7443\n[2001:db8::1]:7443\n");
        assertThat(model.canAddProperty().get()).isTrue();
        model.add(added::add);
        assertThat(fixture.repository.find(id(2)).orElseThrow().addresses())
                .containsExactly("alice.example.org:7443", "[2001:db8::1]:7443");
    }

    @Test
    void aPortalLinkFillsNameAndAddresses() {
        model.idTextProperty().set("portal:" + id(2).canonical() + "?name=Alice%20M&addr=alice.example.org:7443");
        assertThat(model.nameProperty().get()).isEqualTo("Alice M");
        assertThat(model.addressesProperty().get()).isEqualTo("alice.example.org:7443");
        assertThat(model.canAddProperty().get()).isTrue();
    }

    @Test
    void scanningFillsTheIdOrOffersAChoiceOrSaysWhy() throws Exception {
        model.scanFile(QrPictures.png(dir.resolve("one.png"), id(2).canonical()));
        assertThat(model.idTextProperty().get()).isEqualTo(id(2).canonical());
        assertThat(model.scanMessageProperty().get()).isEqualTo("Found Portal " + id(2).shortId() + " in the QR code.");

        model.scanFile(QrPictures.png(dir.resolve("two.png"), id(3).canonical(), id(4).canonical()));
        assertThat(model.candidates()).hasSize(2);
        assertThat(model.scanMessageProperty().get()).isEqualTo("Found 2 Portal IDs. Choose one:");
        model.choose(model.candidates().stream().filter(c -> c.id().equals(id(4))).findFirst().orElseThrow());
        assertThat(model.idTextProperty().get()).isEqualTo(id(4).canonical());
        assertThat(model.candidates()).isEmpty();

        model.scanFile(QrPictures.png(dir.resolve("url.png"), "https://example.org"));
        assertThat(model.scanMessageProperty().get()).isEqualTo("This QR code is not a Portal ID (it contains: https://example.org).");
        assertThat(model.scanFailedProperty().get()).isTrue();
        assertThat(model.idTextProperty().get()).isEqualTo(id(4).canonical());

        BufferedImage picture = QrPictures.image(List.of(id(5).canonical()), 4, false);
        model.scanPixels(picture.getWidth(), picture.getHeight(), QrPictures.argb(picture), "the screen");
        assertThat(model.idTextProperty().get()).isEqualTo(id(5).canonical());
        model.scanPixels(100, 100, new int[100 * 100], "the screen");
        assertThat(model.scanMessageProperty().get()).isEqualTo("No QR code found in the screen.");
    }
}
