package org.universalim.routing.control;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.annotation.JsonbCreator;
import org.universalim.routing.boundary.Delivery;
import org.universalim.routing.boundary.SendResult;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What the nodes of one ISP say to each other (R12), as JSON: a batch of calls, answered by one result per
 * call in the same order. The nodes run the same release, so this is not a published contract; it is
 * described in docs/cluster.md.
 */
public final class NodeWire {

    /** Hand a stored message to the recipient's devices connected there, skipping the failed ones. */
    public static final String DISPATCH = "dispatch";
    /** Give something to the connected devices of these users. */
    public static final String PUSH = "push";
    /** End the sessions of a user (of one device, or all). */
    public static final String CLOSE = "close";
    /** Offer the stored messages of these users to their devices connected there. */
    public static final String STORED = "stored";
    /** Something waits in a peer's outbox: the node that drains outboxes should look now. */
    public static final String OUTBOX = "outbox";
    /** The calling node joined (started, or is back after it was declared dead) and is about to take clients. */
    public static final String JOINED = "joined";

    private static final Jsonb JSONB = JsonbBuilder.create();

    private NodeWire() {
    }

    /** One call; the fields an operation does not use are null. */
    public record Call(String op, String messageId, List<String> failed, List<String> users, String device, String reason,
                       String peer, Box delivery, String node) {

        public static Call dispatch(String messageId, Collection<String> failed) {
            return new Call(DISPATCH, messageId, List.copyOf(failed), null, null, null, null, null, null);
        }

        public static Call push(Collection<String> users, Delivery delivery) {
            return new Call(PUSH, null, null, List.copyOf(users), null, null, null, Box.of(delivery), null);
        }

        public static Call close(String user, String device, String reason) {
            return new Call(CLOSE, null, null, List.of(user), device, reason, null, null, null);
        }

        public static Call stored(Collection<String> users) {
            return new Call(STORED, null, null, List.copyOf(users), null, null, null, null, null);
        }

        public static Call outbox(String peer) {
            return new Call(OUTBOX, null, null, null, null, null, peer, null, null);
        }

        public static Call joined(String node) {
            return new Call(JOINED, null, null, null, null, null, null, null, node);
        }

        public List<String> usersOrNone() {
            return users == null ? List.of() : users;
        }
    }

    /** A {@link Delivery} on the wire: exactly one field is set. */
    public record Box(Delivery.Message message, Delivery.Presence presence, Delivery.RosterUpdate rosterUpdate,
                      Delivery.SubscriptionRequest subscriptionRequest, Delivery.SubscriptionAnswer subscriptionAnswer,
                      Delivery.Receipt receipt, Delivery.AlertFired alertFired, Delivery.PersonalEvent personalEvent,
                      Delivery.Copy copy, Delivery.BlockUpdate blockUpdate, Delivery.Stanza stanza) {

        @JsonbCreator
        public Box {
            // the canonical constructor is the one JSON-B reads with
        }

        public Box(Delivery.Message message, Delivery.Presence presence, Delivery.RosterUpdate rosterUpdate,
                   Delivery.SubscriptionRequest subscriptionRequest, Delivery.SubscriptionAnswer subscriptionAnswer,
                   Delivery.Receipt receipt, Delivery.AlertFired alertFired) {
            this(message, presence, rosterUpdate, subscriptionRequest, subscriptionAnswer, receipt, alertFired, null, null, null, null);
        }

        public static Box of(Delivery d) {
            if (d instanceof Delivery.Message m) {
                return new Box(m, null, null, null, null, null, null);
            } else if (d instanceof Delivery.Presence p) {
                return new Box(null, p, null, null, null, null, null);
            } else if (d instanceof Delivery.RosterUpdate r) {
                return new Box(null, null, r, null, null, null, null);
            } else if (d instanceof Delivery.SubscriptionRequest s) {
                return new Box(null, null, null, s, null, null, null);
            } else if (d instanceof Delivery.SubscriptionAnswer a) {
                return new Box(null, null, null, null, a, null, null);
            } else if (d instanceof Delivery.Receipt r) {
                return new Box(null, null, null, null, null, r, null);
            } else if (d instanceof Delivery.AlertFired f) {
                return new Box(null, null, null, null, null, null, f);
            } else if (d instanceof Delivery.PersonalEvent e) {
                return new Box(null, null, null, null, null, null, null, e, null, null, null);
            } else if (d instanceof Delivery.Copy c) {
                return new Box(null, null, null, null, null, null, null, null, c, null, null);
            } else if (d instanceof Delivery.BlockUpdate b) {
                return new Box(null, null, null, null, null, null, null, null, null, b, null);
            } else if (d instanceof Delivery.Stanza st) {
                return new Box(null, null, null, null, null, null, null, null, null, null, st);
            }
            throw new IllegalArgumentException("no wire form for " + d.getClass().getSimpleName());
        }

        /** The delivery inside, or null if the box is empty. */
        public Delivery content() {
            List<Delivery> set = new ArrayList<>(1);
            for (Delivery d : new Delivery[]{message, presence, rosterUpdate, subscriptionRequest, subscriptionAnswer, receipt, alertFired,
                    personalEvent, copy, blockUpdate, stanza}) {
                if (d != null) {
                    set.add(d);
                }
            }
            return set.size() == 1 ? set.get(0) : null;
        }
    }

    public record Batch(List<Call> calls) {
    }

    /** One result per call, null for calls that have none (every call but dispatch) or that failed. */
    public record Answers(List<SendResult> results) {
    }

    public static String write(Batch batch) {
        return JSONB.toJson(batch);
    }

    public static String write(Answers answers) {
        return JSONB.toJson(answers);
    }

    public static Batch readBatch(String json) {
        Batch batch = read(json, Batch.class);
        if (batch.calls() == null) {
            throw new IllegalArgumentException("a batch has calls");
        }
        return batch;
    }

    public static Answers readAnswers(String json) {
        Answers answers = read(json, Answers.class);
        return answers.results() == null ? new Answers(List.of()) : answers;
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            T value = JSONB.fromJson(json, type);
            if (value == null) {
                throw new IllegalArgumentException("empty " + type.getSimpleName());
            }
            return value;
        } catch (JsonbException e) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
