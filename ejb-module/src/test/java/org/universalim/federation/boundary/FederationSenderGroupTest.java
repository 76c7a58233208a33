package org.universalim.federation.boundary;

import org.junit.jupiter.api.Test;
import org.universalim.federation.entity.OutboxItem;
import org.universalim.federation.wire.Operation;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FederationSenderGroupTest {

    private static OutboxItem item(Operation op, String subject) {
        Instant now = Instant.parse("2026-11-24T10:00:00Z");
        return new OutboxItem("isp-b.example", op.path(), "t-" + subject, "<x/>", subject, null, now, now.plusSeconds(60));
    }

    private static List<String> subjects(List<OutboxItem> items) {
        return items.stream().map(OutboxItem::subject).toList();
    }

    @Test
    void messagesInterleavedWithReceiptsGoTogetherInTheirOrder() {
        List<OutboxItem> head = List.of(item(Operation.MESSAGES, "m1"), item(Operation.RECEIPTS, "r1"),
                item(Operation.MESSAGES, "m2"), item(Operation.RECEIPTS, "r2"), item(Operation.MESSAGES, "m3"));
        assertThat(subjects(FederationSender.group(head))).containsExactly("m1", "m2", "m3");
        assertThat(subjects(FederationSender.group(head.subList(1, head.size())))).containsExactly("r1", "r2");
    }

    @Test
    void nothingPassesAnItemOfAnotherOperation() {
        List<OutboxItem> head = List.of(item(Operation.RECEIPTS, "r1"), item(Operation.PRESENCE, "p1"),
                item(Operation.RECEIPTS, "r2"));
        assertThat(subjects(FederationSender.group(head))).containsExactly("r1");
    }

    @Test
    void otherOperationsGoOneByOne() {
        List<OutboxItem> head = List.of(item(Operation.PRESENCE, "p1"), item(Operation.PRESENCE, "p2"));
        assertThat(subjects(FederationSender.group(head))).containsExactly("p1");
    }

    @Test
    void receiptItemsGoTogetherUpToTheContractsLimitOfAThousandReceipts() {
        Instant now = Instant.parse("2026-11-24T10:00:00Z");
        java.util.List<OutboxItem> head = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            org.universalim.federation.wire.ReceiptBatch batch = new org.universalim.federation.wire.ReceiptBatch();
            batch.transactionId = "t" + i;
            for (int r = 0; r < 50; r++) {
                org.universalim.federation.wire.ReceiptBatch.Receipt receipt = new org.universalim.federation.wire.ReceiptBatch.Receipt();
                receipt.messageId = "m" + i + "-" + r;
                receipt.sender = "dana@isp-b-u.example";
                receipt.recipient = "bob@isp-a-u.example";
                receipt.status = "delivered";
                batch.receipts.add(receipt);
            }
            head.add(new OutboxItem("isp-b.example", Operation.RECEIPTS.path(), "t" + i,
                    org.universalim.federation.control.WireCodec.write(batch), "r" + i, null, now, now.plusSeconds(60)));
        }
        // 20 items of 50 receipts each: 1,000
        assertThat(FederationSender.fitted(FederationSender.group(head), 100)).hasSize(20);
    }

    private static OutboxItem messages(int first, int count, String body) {
        Instant now = Instant.parse("2026-11-24T10:00:00Z");
        org.universalim.federation.wire.MessageBatch batch = new org.universalim.federation.wire.MessageBatch();
        batch.transactionId = "t" + first;
        for (int i = first; i < first + count; i++) {
            org.universalim.federation.wire.MessageBatch.Message m = new org.universalim.federation.wire.MessageBatch.Message();
            m.id = "m" + i;
            m.from = "ann@isp-a-u.example";
            m.to = "bob@isp-b-u.example";
            m.application = "chat";
            m.sentAt = now;
            m.body = body;
            batch.messages.add(m);
        }
        return new OutboxItem("isp-b.example", Operation.MESSAGES.path(), "t" + first,
                org.universalim.federation.control.WireCodec.write(batch), "m" + first, null, now, now.plusSeconds(60));
    }

    @Test
    void messageItemsGoTogetherUpToTheBatchSize() {
        // items of several messages (one per journal batch and peer): 30 + 50 + 20 = 100, the next would pass it
        List<OutboxItem> head = List.of(messages(0, 30, "hi"), messages(30, 50, "hi"), messages(80, 20, "hi"),
                messages(100, 1, "hi"));
        assertThat(FederationSender.fitted(FederationSender.group(head), 100)).hasSize(3);
        assertThat(FederationSender.fitted(FederationSender.group(head), 30)).hasSize(1);
        // one item always goes, even one larger than the batch size
        assertThat(FederationSender.fitted(FederationSender.group(head.subList(1, 4)), 10)).hasSize(1);
    }

    @Test
    void messageItemsGoTogetherUpToWhatTheReceiverReads() {
        // twenty items of nearly 30,000 characters: a call carries at most 256 Ki characters of them
        String body = "x".repeat(29_000);
        List<OutboxItem> head = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            head.add(messages(i, 1, body));
        }
        List<OutboxItem> fitted = FederationSender.fitted(FederationSender.group(head), 200);
        assertThat(fitted).hasSize(8);
        assertThat(fitted.stream().mapToInt(i -> i.payload().length()).sum()).isLessThanOrEqualTo(FederationSender.MAX_CALL_CHARS);
    }
}
