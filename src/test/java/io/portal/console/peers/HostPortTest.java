package io.portal.console.peers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostPortTest {
    @ParameterizedTest
    @CsvSource({
            "portal.example.org:7443, portal.example.org:7443",
            "Portal.Example.ORG:7443, portal.example.org:7443",
            "192.168.1.20:1, 192.168.1.20:1",
            "localhost:65535, localhost:65535",
            "'[2001:db8::1]:7443', '[2001:db8::1]:7443'",
            "'[::1]:80', '[::1]:80'",
            "'[::ffff:10.0.0.1]:80', '[::ffff:10.0.0.1]:80'",
            "'  my-box.lan:8080  ', my-box.lan:8080"})
    void acceptsAndNormalises(String input, String expected) {
        assertThat(HostPort.parse(input)).isInstanceOfSatisfying(HostPort.Valid.class,
                v -> assertThat(v.address().toString()).isEqualTo(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "portal.example.org", "host:", ":7443", "host:0", "host:65536", "host:http",
            "2001:db8::1:7443", "[2001:db8::1]", "[2001:db8::1", "[xyz]:80", "[:1]:80", "256.1.1.1:80", "1.2.3:80",
            "-bad.example:80", "bad..example:80", "a b:80", "under_score!.x:80"})
    void refusesWithAMessage(String input) {
        assertThat(HostPort.parse(input)).isInstanceOfSatisfying(HostPort.Invalid.class,
                i -> assertThat(i.message()).isNotBlank());
    }

    @Test
    void messagesSayWhatIsWrong() {
        assertThat(HostPort.problem("portal.example.org")).hasValueSatisfying(m -> assertThat(m).contains("no port"));
        assertThat(HostPort.problem("host:99999")).hasValueSatisfying(m -> assertThat(m).contains("1 to 65535"));
        assertThat(HostPort.problem("2001:db8::1:7443")).hasValueSatisfying(m -> assertThat(m).contains("brackets"));
        assertThat(HostPort.problem("300.1.1.1:80")).hasValueSatisfying(m -> assertThat(m).contains("IPv4"));
    }
}
