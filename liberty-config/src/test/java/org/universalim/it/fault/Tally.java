package org.universalim.it.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the users of a round saw, counted as the issue counts it: messages lost, shown twice on one device, out of
 * the order the server accepted them from their sender (per sender and recipient: the order sent, unless a send was
 * refused and sent again, which makes it a new message in a later place), sends never answered, receipts missing at
 * the sender. A message counts as sent once its sender was answered {@code result}; a send answered {@code error} is
 * "reported" (and must then not be delivered). A message an XMPP device is given a second time from storage (its server
 * crashed after the device handled it) is shown twice like any other; {@code xmppGivenAgain} says how many of the
 * shown twice were that (counted apart, and not as shown twice, until the 'h' of a {@code <resume/>} the restarted
 * server could not honour counted: docs/reliability.md).
 */
record Tally(String round, long sent, long accepted, long refused, long unanswered, long delivered, long lost,
             long shownTwice, long xmppGivenAgain, long outOfOrder, long deliveredThoughRefused, long receiptsMissing, long receiptsPushed,
             long reconnects, Map<String, Long> refusals, List<String> examples) {

    boolean clean() {
        return lost == 0 && shownTwice == 0 && outOfOrder == 0 && unanswered == 0 && deliveredThoughRefused == 0
                && receiptsMissing == 0;
    }

    @Override
    public String toString() {
        return String.format("[fault] %-34s sent=%d accepted=%d refused=%d%s unanswered=%d delivered=%d | lost=%d shownTwice=%d "
                        + "(of which XMPP given again from storage=%d) outOfOrder=%d deliveredThoughRefused=%d receiptsMissing=%d (receipts pushed %d of %d) reconnects=%d%s",
                round, sent, accepted, refused, refusals.isEmpty() ? "" : " " + refusals, unanswered, delivered, lost, shownTwice,
                xmppGivenAgain, outOfOrder, deliveredThoughRefused, receiptsMissing, receiptsPushed, delivered, reconnects,
                examples.isEmpty() ? "" : "\n[fault]   e.g. " + String.join("\n[fault]   e.g. ", examples));
    }

    /** Whether every accepted send has arrived and every client is answered (the round may be counted). */
    static boolean settled(FaultRig rig) {
        Map<String, FaultDevice> byAddress = byAddress(rig);
        for (FaultDevice c : rig.clients()) {
            if (!c.isLoggedIn() || c.unanswered() > 0) {
                return false;
            }
        }
        Map<String, Set<Long>> receivedByPair = new HashMap<>();
        for (FaultDevice c : rig.clients()) {
            for (FaultDevice.Got g : c.got()) {
                receivedByPair.computeIfAbsent(g.from() + ">" + c.address, k -> new HashSet<>()).add(g.sequence());
            }
        }
        for (FaultDevice c : rig.clients()) {
            for (FaultDevice.Send s : c.sends()) {
                if (s.status != null && byAddress.containsKey(s.to)
                        && !receivedByPair.getOrDefault(c.address + ">" + s.to, Set.of()).contains(s.sequence)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Messages delivered whose sender has not been pushed a "delivered" receipt yet. */
    static long receiptsPending(FaultRig rig) {
        Map<String, FaultDevice> byAddress = byAddress(rig);
        long pending = 0;
        for (FaultDevice c : rig.clients()) {
            for (FaultDevice.Got g : c.got()) {
                FaultDevice sender = byAddress.get(g.from());
                if (sender != null && sender.getsReceipts() && !"delivered".equals(sender.receipts().get(g.messageId()))) {
                    pending++;
                }
            }
        }
        return pending;
    }

    static Tally of(String round, FaultRig rig) {
        Map<String, FaultDevice> byAddress = byAddress(rig);
        long sent = 0;
        long accepted = 0;
        long refused = 0;
        long unanswered = 0;
        Map<String, Long> refusals = new TreeMap<>();
        // what each pair sent: sequence -> the send
        Map<String, Map<Long, FaultDevice.Send>> sentByPair = new HashMap<>();
        for (FaultDevice c : rig.clients()) {
            for (FaultDevice.Send s : c.sends()) {
                sent++;
                if (s.status != null) {
                    accepted++;
                } else if (s.error != null) {
                    refused++;
                    refusals.merge(s.error, 1L, Long::sum);
                } else {
                    unanswered++;
                }
                if (s.refusedBefore != null) {
                    refusals.merge(s.refusedBefore + ", then sent again", 1L, Long::sum);
                }
                sentByPair.computeIfAbsent(c.address + ">" + s.to, k -> new HashMap<>()).put(s.sequence, s);
            }
        }
        List<String> examples = new ArrayList<>();
        long delivered = 0;
        long shownTwice = 0;
        long xmppGivenAgain = 0;
        long outOfOrder = 0;
        long deliveredThoughRefused = 0;
        Map<String, Set<Long>> receivedByPair = new HashMap<>();
        List<FaultDevice.Got> toCheck = new ArrayList<>();
        for (FaultDevice c : rig.clients()) {
            Set<String> seenIds = new HashSet<>();
            Map<String, Map<Long, String>> idBySequence = new HashMap<>();
            Map<String, FaultDevice.Send> latest = new HashMap<>();
            for (FaultDevice.Got g : c.got()) {
                String pair = g.from() + ">" + c.address;
                Map<Long, FaultDevice.Send> sends = sentByPair.get(pair);
                if (sends == null || !sends.containsKey(g.sequence())) {
                    continue; // from an earlier round
                }
                if (!seenIds.add(g.messageId())) {
                    if (c.isXmpp() && g.offline()) {
                        // given again from storage though the device handled it: the 'h' of its <resume/> after its server
                        // crashed covered it (issue 14)
                        xmppGivenAgain++;
                        shownTwice++;
                        example(examples, "shown twice (given again from storage, after its server restarted) on " + c.user + ": " + g);
                        continue;
                    }
                    shownTwice++;
                    example(examples, "shown twice on " + c.user + ": " + g);
                    continue;
                }
                String earlier = idBySequence.computeIfAbsent(pair, k -> new HashMap<>()).putIfAbsent(g.sequence(), g.messageId());
                if (earlier != null) {
                    shownTwice++;
                    example(examples, "shown twice on " + c.user + " under another id: " + g + " (first " + earlier + ")");
                    continue;
                }
                delivered++;
                toCheck.add(g);
                receivedByPair.computeIfAbsent(pair, k -> new HashSet<>()).add(g.sequence());
                FaultDevice.Send s = sends.get(g.sequence());
                FaultDevice.Send passed = latest.get(pair);
                if (passed != null && s.place < passed.place) {
                    outOfOrder++;
                    // how often each was sent (a resend after a reconnection) tells which path the late one took
                    example(examples, "out of order on " + c.user + ": " + g + " after #" + passed.sequence + " (sent " + s.attempts
                            + "x, #" + passed.sequence + " sent " + passed.attempts + "x" + (s.place != s.sequence ? "; #"
                            + s.sequence + " was refused and sent again as the " + s.place + "th" : "") + ")");
                } else {
                    latest.put(pair, s);
                }
                if (s.status == null && s.error != null) {
                    deliveredThoughRefused++;
                    example(examples, "delivered though refused (" + s.error + "): " + g);
                }
            }
        }
        long lost = 0;
        for (Map.Entry<String, Map<Long, FaultDevice.Send>> pair : sentByPair.entrySet()) {
            Set<Long> got = receivedByPair.getOrDefault(pair.getKey(), Set.of());
            for (FaultDevice.Send s : pair.getValue().values()) {
                if (s.status != null && byAddress.containsKey(s.to) && !got.contains(s.sequence)) {
                    lost++;
                    if (examples.size() < 8) {
                        example(examples, "lost: " + pair.getKey() + " #" + s.sequence + " " + s.messageId + " client id " + s.clientId + " (answered "
                                + s.status + "; " + whereIs(byAddress, pair.getKey(), s) + ")");
                    }
                }
            }
        }
        long pushed = 0;
        Map<FaultDevice, Map<String, List<String>>> lookUp = new HashMap<>();
        for (FaultDevice c : rig.clients()) {
            for (FaultDevice.Got g : toCheck) {
                if (!g.from().equals(c.address) || !c.getsReceipts()) {
                    continue; // not its message, or a protocol on which the server pushes no receipts
                }
                if ("delivered".equals(c.receipts().get(g.messageId()))) {
                    pushed++;
                } else {
                    String to = recipientOf(rig, g);
                    lookUp.computeIfAbsent(c, k -> new HashMap<>()).computeIfAbsent(to, k -> new ArrayList<>()).add(g.messageId());
                }
            }
        }
        // a sender that was away when the receipt came finds the status in its history; a receipt on its way (a peer's
        // outbox backing off after a failed call on a loaded machine) has RECEIPT_GRACE to get there
        Map<String, String> notDelivered = new java.util.LinkedHashMap<>();
        FaultRig.waitFor(() -> {
            notDelivered.clear();
            for (Map.Entry<FaultDevice, Map<String, List<String>>> e : lookUp.entrySet()) {
                for (Map.Entry<String, List<String>> conversation : e.getValue().entrySet()) {
                    if (conversation.getValue().isEmpty()) {
                        continue;
                    }
                    Map<String, String> statuses = e.getKey().history(conversation.getKey());
                    conversation.getValue().removeIf(id -> "delivered".equals(statuses.get(id)));
                    for (String id : conversation.getValue()) {
                        notDelivered.put(id, "no receipt at " + e.getKey().user + " for " + id + " (history: " + statuses.get(id) + ")");
                    }
                }
            }
            return notDelivered.isEmpty();
        }, RECEIPT_GRACE);
        long receiptsMissing = notDelivered.size();
        notDelivered.values().forEach(text -> example(examples, text));
        long reconnects = rig.clients().stream().mapToLong(FaultDevice::reconnections).sum();
        return new Tally(round, sent, accepted, refused, unanswered, delivered, lost, shownTwice, xmppGivenAgain, outOfOrder,
                deliveredThoughRefused, receiptsMissing, pushed, reconnects, refusals, examples);
    }

    /** How long a receipt still on its way may take to reach its sender's history once the round settled. */
    static final Duration RECEIPT_GRACE = Duration.ofSeconds(60);

    private static String recipientOf(FaultRig rig, FaultDevice.Got g) {
        for (FaultDevice c : rig.clients()) {
            if (c.got().contains(g)) {
                return c.address;
            }
        }
        throw new IllegalStateException("nobody got " + g);
    }

    /** Where a lost message is: its status in the sender's history and in the recipient's (to tell where it stopped). */
    private static String whereIs(Map<String, FaultDevice> byAddress, String pair, FaultDevice.Send s) {
        String senderAddress = pair.substring(0, pair.indexOf('>'));
        FaultDevice sender = byAddress.get(senderAddress);
        FaultDevice recipient = byAddress.get(s.to);
        if (s.messageId == null) {
            return "the server named no id (an XMPP send, taken by <a h/>: " + s.attempts + " attempt(s))";
        }
        String atSender = sender == null ? "?" : sender.history(s.to).get(s.messageId);
        String atRecipient = recipient == null ? "?" : recipient.history(senderAddress).get(s.messageId);
        return "sender's history: " + atSender + ", recipient's history: " + atRecipient;
    }

    private static Map<String, FaultDevice> byAddress(FaultRig rig) {
        Map<String, FaultDevice> map = new HashMap<>();
        rig.clients().forEach(c -> map.put(c.address, c));
        return map;
    }

    private static void example(List<String> examples, String text) {
        if (examples.size() < 8) {
            examples.add(text);
        }
    }
}
