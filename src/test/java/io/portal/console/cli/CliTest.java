package io.portal.console.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portal.console.identity.IdentityStore;
import io.portal.console.identity.PortalId;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path dir;

    @Test
    void idPrintsTheDisplayForm() {
        Run run = run("id", "--data-dir", dir.toString());

        assertThat(run.exitCode).isZero();
        assertThat(run.err).isEmpty();
        assertThat(run.out.strip()).matches("([A-Z2-7]{7}-){7}[A-Z2-7]{7}");
        assertThat(dir.resolve(IdentityStore.FILE_NAME)).exists();
    }

    @Test
    void idJsonHasEveryField() throws Exception {
        Run run = run("id", "--json", "--data-dir", dir.toString());

        assertThat(run.exitCode).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out);
        assertThat(json.fieldNames()).toIterable().containsExactly("id", "display", "shortId", "publicKey", "name");
        String id = json.get("id").asText();
        assertThat(id).matches("[A-Z2-7]{56}");
        assertThat(json.get("display").asText()).isEqualTo(String.join("-", chunks(id, 7)));
        assertThat(json.get("shortId").asText()).isEqualTo(id.substring(0, 6));
        assertThat(json.get("name").asText()).isEqualTo("Portal " + id.substring(0, 6));

        byte[] spki = Base64.getDecoder().decode(json.get("publicKey").asText());
        assertThat(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)).getAlgorithm())
                .isIn("Ed25519", "EdDSA");
        assertThat(MessageDigest.getInstance("SHA-256").digest(spki)).isEqualTo(PortalId.ofCanonical(id).bytes());
    }

    @Test
    void dataDirWorksBeforeAndAfterTheCommandAndGivesTheSameIdEachTime() {
        Run after = run("id", "--data-dir", dir.toString());
        Run before = run("--data-dir", dir.toString(), "id");
        Run again = run("id", "--data-dir=" + dir);

        assertThat(List.of(after.exitCode, before.exitCode, again.exitCode)).containsOnly(0);
        assertThat(before.out).isEqualTo(after.out);
        assertThat(again.out).isEqualTo(after.out);
    }

    @Test
    void theFolderNamedAfterTheCommandWins(@TempDir Path other) {
        String inOther = run("id", "--data-dir", other.toString()).out;

        Run run = run("--data-dir", dir.toString(), "id", "--data-dir", other.toString());

        assertThat(run.out).isEqualTo(inOther);
        assertThat(dir.resolve(IdentityStore.FILE_NAME)).doesNotExist();
    }

    @Test
    void aCorruptKeyExitsWith3AndOneMessage() throws Exception {
        Files.writeString(dir.resolve(IdentityStore.FILE_NAME), "not a key");

        Run run = run("id", "--data-dir", dir.toString());

        assertThat(run.exitCode).isEqualTo(ExitCodes.DATA).isEqualTo(3);
        assertThat(run.out).isEmpty();
        assertThat(run.err).startsWith("portal-console: The identity key file").contains("damaged")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.err.strip().lines()).hasSize(1);
        assertThat(Files.readString(dir.resolve(IdentityStore.FILE_NAME))).isEqualTo("not a key");
    }

    @Test
    void aNewerDatabaseExitsWith3() throws Exception {
        run("id", "--data-dir", dir.toString());
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("portal.db"));
                var s = c.createStatement()) {
            s.executeUpdate("PRAGMA user_version = 999");
        }

        Run run = run("id", "--data-dir", dir.toString());

        assertThat(run.exitCode).isEqualTo(3);
        assertThat(run.err).contains("newer").doesNotContain("Exception");
    }

    @Test
    void unknownCommandsAndOptionsExitWith2() {
        Run command = run("frobnicate", "--data-dir", dir.toString());
        Run option = run("id", "--bogus", "--data-dir", dir.toString());

        assertThat(command.exitCode).isEqualTo(ExitCodes.USAGE).isEqualTo(2);
        assertThat(command.err).contains("frobnicate").contains("--help").doesNotContain("Exception");
        assertThat(option.exitCode).isEqualTo(2);
        assertThat(option.err).contains("--bogus").doesNotContain("Exception");
        assertThat(dir.resolve(IdentityStore.FILE_NAME)).doesNotExist();
    }

    @Test
    void versionPrintsTheProductAndVersion() {
        Run run = run("--version");

        assertThat(run.exitCode).isZero();
        assertThat(run.out.strip()).matches("portal-console \\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void helpListsTheCommandsAndExitCodes() {
        Run run = run("--help");

        assertThat(run.exitCode).isZero();
        assertThat(run.out).contains("id", "gui", "--data-dir", "Exit codes:");
    }

    private static List<String> chunks(String text, int size) {
        return java.util.stream.IntStream.range(0, text.length() / size)
                .mapToObj(i -> text.substring(i * size, (i + 1) * size)).toList();
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {
    }
}
