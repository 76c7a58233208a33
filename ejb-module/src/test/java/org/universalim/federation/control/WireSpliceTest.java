package org.universalim.federation.control;

import org.junit.jupiter.api.Test;
import org.universalim.federation.wire.MessageBatch;
import org.universalim.federation.wire.ReceiptBatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests joined by their text read back as the batch JAXB would have written. */
class WireSpliceTest {

    private static MessageBatch.Message message(int i) throws ForeignXml.Refused {
        MessageBatch.Message m = new MessageBatch.Message();
        m.id = "m" + i;
        m.from = "ann@isp-a-u.example";
        m.to = "bob@isp-b-u.example";
        m.application = "chat";
        m.securityLevel = 1;
        m.sentAt = Instant.parse("2026-12-06T22:00:00Z").plusMillis(i);
        m.body = i % 2 == 0 ? "hello <b>&amp; \"you\"</b> ]]> " + i : null;
        m.stanzaId = "s\"" + i;
        m.fromResource = "phone";
        m.extensions = MessageExtensionsXml.toWire(i % 2 == 0 ? "<active xmlns='http://jabber.org/protocol/chatstates'/>"
                : "<composing xmlns='http://jabber.org/protocol/chatstates'/><x xmlns='urn:example:other'><y a='1'>t</y></x>");
        return m;
    }

    private static String queued(MessageBatch.Message m, String transactionId) {
        MessageBatch one = new MessageBatch();
        one.transactionId = transactionId;
        one.messages.add(m);
        return WireCodec.write(one);
    }

    @Test
    void messagesJoinedReadBackInOrderWithEveryField() throws Exception {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            items.add(queued(message(i), "t-" + i));
        }
        String joined = WireSplice.join(items, "messageBatch", "t-0.5").orElseThrow();

        MessageBatch read = WireCodec.read(joined, MessageBatch.class);
        MessageBatch expected = new MessageBatch();
        expected.transactionId = "t-0.5";
        for (int i = 0; i < 5; i++) {
            expected.messages.add(message(i));
        }
        assertThat(read.transactionId).isEqualTo("t-0.5");
        // what JAXB writes of the batch it would have built, byte for byte
        assertThat(WireCodec.write(read)).isEqualTo(WireCodec.write(expected));
        assertThat(read.messages).extracting(m -> m.id).containsExactly("m0", "m1", "m2", "m3", "m4");
    }

    @Test
    void receiptsJoinedAndCounted() throws Exception {
        List<String> items = new ArrayList<>();
        int all = 0;
        for (int i = 0; i < 3; i++) {
            ReceiptBatch batch = new ReceiptBatch();
            batch.transactionId = "r-" + i;
            for (int r = 0; r <= i; r++) {
                ReceiptBatch.Receipt receipt = new ReceiptBatch.Receipt();
                receipt.messageId = "m" + i + "-" + r;
                receipt.sender = "dana@isp-b-u.example";
                receipt.recipient = "bob@isp-a-u.example";
                receipt.status = "failed";
                receipt.reason = "<receipt> \"quoted\" & more";
                batch.receipts.add(receipt);
                all++;
            }
            String item = WireCodec.write(batch);
            assertThat(WireSplice.count(item, "receipt")).isEqualTo(i + 1);
            items.add(item);
        }
        ReceiptBatch read = WireCodec.read(WireSplice.join(items, "receiptBatch", "r-0.3").orElseThrow(), ReceiptBatch.class);
        assertThat(read.receipts).hasSize(all);
        assertThat(read.receipts).extracting(r -> r.messageId).containsExactly("m0-0", "m1-0", "m1-1", "m2-0", "m2-1", "m2-2");
        assertThat(read.receipts.get(0).reason).isEqualTo("<receipt> \"quoted\" & more");
    }

    @Test
    void documentsOfAnotherShapeAreNotJoined() throws Exception {
        String message = queued(message(0), "t-0");
        assertThat(WireSplice.join(List.of(message, "<other xmlns='x'/>"), "messageBatch", "t")).isEmpty();
        assertThat(WireSplice.join(List.of(message, message.replace("xmlns=", "xmlns:p=")), "messageBatch", "t")).isEmpty();
        assertThat(WireSplice.join(List.of(message), "receiptBatch", "t")).isEmpty();
        assertThat(WireSplice.join(List.of(message.substring(0, message.length() - 3)), "messageBatch", "t")).isEmpty();
        assertThat(WireSplice.join(List.of(message), "messageBatch", "a\"b")).isEmpty();
        assertThat(WireSplice.join(List.of(), "messageBatch", "t")).isEmpty();
    }
}
