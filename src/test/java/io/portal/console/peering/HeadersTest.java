package io.portal.console.peering;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.junit.jupiter.api.Test;

class HeadersTest {
    @Test
    void namesStayReadableAndAlwaysDecodeExactly() {
        assertThat(Headers.encode("Bob's Portal")).isEqualTo("Bob's Portal");
        assertThat(Headers.encode("Zoë 100%")).isEqualTo("Zo%C3%AB 100%25");
        assertThat(Headers.decode(Headers.encode("Zoë 100% a+b"))).isEqualTo("Zoë 100% a+b");
        assertThat(Headers.encode("line\nbreak")).isEqualTo("line%0Abreak");
    }

    @Test
    void callerHeadersThatNeverCross() {
        for (String name : new String[] {"Authorization", "cookie", "Connection", "Transfer-Encoding", "Host",
                "X-Portal-Peer-Id", "x-ptl-client-id", "Content-Length", "Upgrade"}) {
            assertThat(Headers.forwardRequest(name)).as(name).isFalse();
        }
        assertThat(Headers.forwardRequest("Content-Type")).isTrue();
        assertThat(Headers.forwardRequest("X-Custom")).isTrue();
        assertThat(Headers.forwardResponse("Set-Cookie")).isTrue();
        assertThat(Headers.forwardResponse("X-Portal-Problem")).isFalse();
    }

    @Test
    void receivedFieldsAreJudgedLikeTheirNamesWhateverTheirCase() {
        for (String name : new String[] {"AUTHORIZATION", "Cookie", "HOST", "X-PORTAL-PEER-ID", "X-Ptl-Client-Name",
                "Content-Type", "X-Custom", "Set-Cookie", "Transfer-Encoding"}) {
            HttpField field = new HttpField(name, "value");
            assertThat(Headers.forwardRequest(field)).as(name).isEqualTo(Headers.forwardRequest(name));
            assertThat(Headers.forwardResponse(field)).as(name).isEqualTo(Headers.forwardResponse(name));
        }
        assertThat(Headers.forwardRequest(new HttpField("X-PORTAL-Peer-Id", "forged"))).isFalse();
        assertThat(Headers.serviceHeader("X-PTL-anything")).isTrue();
        assertThat(Headers.serviceHeader("X-Portals")).isFalse();
    }

    @Test
    void templatesAreFilledAndUnknownOnesEmptied() {
        Map<String, String> vars = Map.of("auth.client_id", "ID", "client_name", "Alice");
        assertThat(Headers.fill("{{ auth.client_id }}/{{client_name}}/{{ nope }}", vars)).isEqualTo("ID/Alice/");
        assertThat(Headers.fill("plain $1 \\ text", vars)).isEqualTo("plain $1 \\ text");
    }
}
