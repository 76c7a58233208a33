package org.universalim.federation.wire;

/**
 * The operations of the contract: the REST path under {@code /federation/v1/}, the request element and
 * the answer element (the SOAP operation of the same name takes and gives the same elements).
 */
public enum Operation {
    ANNOUNCE("announce", AnnounceRequest.class, Ack.class),
    TRACK("track", TrackRequest.class, TrackResponse.class),
    UNTRACK("untrack", UntrackRequest.class, Ack.class),
    PRESENCE("presence", PresenceUpdate.class, Ack.class),
    SUBSCRIPTION_REQUEST("subscription-request", SubscriptionRequestMessage.class, Ack.class),
    SUBSCRIPTION_ANSWER("subscription-answer", SubscriptionAnswerMessage.class, Ack.class),
    UNSUBSCRIBE("unsubscribe", UnsubscribeRequest.class, Ack.class),
    CONNECT("connect", ConnectionRequestMessage.class, ConnectionResponse.class),
    MESSAGES("messages", MessageBatch.class, MessageBatchResponse.class),
    RECEIPTS("receipts", ReceiptBatch.class, Ack.class),
    AVAILABILITY("availability", AvailabilityQuery.class, AvailabilityResponse.class),
    STATUS("status", StatusRequest.class, StatusResponse.class),
    /** Optional (docs/federation.md, Capabilities): cards and personal event nodes of the receiver's users. */
    PROFILE("profile", ProfileQuery.class, ProfileResponse.class, true),
    /** Optional: events on personal event nodes of the sender's users. */
    PEP_EVENTS("pep-events", PepEventBatch.class, Ack.class, true),

    /** Optional (issue 16): users of the sender who are gone. A peer that does not know it refuses it. */
    DEPART("depart", DepartRequest.class, Ack.class, true),
    /** Optional: an IQ between a resource of the sender's and one of the receiver's (or its answer). */
    IQ("iq", IqForward.class, Ack.class, true);

    private final String path;
    private final Class<? extends Request> request;
    private final Class<?> response;
    private final boolean optional;

    Operation(String path, Class<? extends Request> request, Class<?> response) {
        this(path, request, response, false);
    }

    Operation(String path, Class<? extends Request> request, Class<?> response, boolean optional) {
        this.path = path;
        this.request = request;
        this.response = response;
        this.optional = optional;
    }

    /**
     * Whether the operation came after the first version of the contract: a peer is only asked it when it lists it
     * among its capabilities (by its path).
     */
    public boolean optional() {
        return optional;
    }

    public String path() {
        return path;
    }

    public Class<? extends Request> request() {
        return request;
    }

    public Class<?> response() {
        return response;
    }

    public static Operation byPath(String path) {
        for (Operation op : values()) {
            if (op.path.equals(path)) {
                return op;
            }
        }
        return null;
    }
}
