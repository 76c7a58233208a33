package org.universalim.it.federation;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A peer's message items with extension elements (capability {@code message-extensions}): the receiver checks them
 * again, rejects an item beyond the bounds or carrying what only servers write (nothing of it delivered, no internal
 * detail in the reason), and shows a chat state of an accepted one to a Local client.
 */
class ExtendedMessageItemsIT {

    @Test
    void itemsBeyondTheBoundsAreRejectedAndAChatStateIsDelivered() throws Exception {
        IspServer a = IspServer.a();
        IspServer b = IspServer.b();
        Federation.peer(b, a, "REST", false);
        String ona = Users.register(b, "ona", true);
        String to = ona + "@isp-b-u.example";
        String deep = "<x xmlns=\"urn:example:deep\">" + "<a>".repeat(9) + "</a>".repeat(9) + "</x>";
        String forged = "<received xmlns=\"urn:xmpp:carbons:2\"><forwarded xmlns=\"urn:xmpp:forward:0\"/></received>";
        String typing = "<composing xmlns=\"http://jabber.org/protocol/chatstates\"/>";
        String deepId = UUID.randomUUID().toString();
        String forgedId = UUID.randomUUID().toString();
        String typingId = UUID.randomUUID().toString();
        String batch = """
                <messageBatch xmlns="urn:universal-im:federation:1" transactionId="%s">%s%s%s</messageBatch>"""
                .formatted(UUID.randomUUID(), item(deepId, to, "<body>deep</body>", deep), item(forgedId, to, "", forged),
                        item(typingId, to, "", typing));
        try (LocalClient o = LocalClient.login(b, ona, "pc")) {
            HttpResponse<String> answer = Federation.rest(b, "messages", batch, "isp-a.example");
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).contains("id=\"" + deepId + "\" status=\"rejected\" code=\"invalid\"")
                    .contains("id=\"" + forgedId + "\" status=\"rejected\" code=\"invalid\"")
                    .contains("id=\"" + typingId + "\" status=\"accepted\"")
                    .contains("nested deeper than 8").doesNotContain("Exception").doesNotContain("org.");
            JsonObject frame = o.awaitPush("message", f -> f.getString("messageId").equals(typingId));
            assertThat(frame.getString("chatState")).isEqualTo("composing");
            assertThat(frame.getString("fromDevice")).isEqualTo("laptop");
            o.request("ping");
            assertThat(o.received("message")).hasSize(1);
        }
    }

    private static String item(String id, String to, String body, String extensions) {
        return "<message id=\"" + id + "\" from=\"ann@isp-a-u.example\" to=\"" + to + "\" application=\"text\" securityLevel=\"0\" "
                + "sentAt=\"" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\" fromResource=\"laptop\" stanzaId=\"s-" + id.substring(0, 8)
                + "\">" + body + "<extensions>" + extensions + "</extensions></message>";
    }
}
