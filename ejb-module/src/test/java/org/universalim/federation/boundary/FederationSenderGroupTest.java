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
        assertThat(FederationSender.fitted(FederationSender.group(head))).hasSize(20);
    }
}
