package org.universalim.federation.wire;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;

/** Constants and the shared JAXB context of the federation contract. */
public final class Wire {

    public static final String NS = "urn:universal-im:federation:1";
    public static final String XSD = "META-INF/federation/federation-1.xsd";
    public static final String VERSION = "1";

    /** Every root element of the contract. */
    public static final Class<?>[] ROOTS = {Ack.class, FederationError.class, AnnounceRequest.class, TrackRequest.class,
            TrackResponse.class, UntrackRequest.class, PresenceUpdate.class, SubscriptionRequestMessage.class,
            SubscriptionAnswerMessage.class, UnsubscribeRequest.class, ConnectionRequestMessage.class,
            ConnectionResponse.class, MessageBatch.class, MessageBatchResponse.class, ReceiptBatch.class,
            AvailabilityQuery.class, AvailabilityResponse.class, StatusRequest.class, StatusResponse.class,
            ProfileQuery.class, ProfileResponse.class, PepEventBatch.class, DepartRequest.class, IqForward.class};

    private static final JAXBContext CONTEXT;

    static {
        try {
            CONTEXT = JAXBContext.newInstance(ROOTS);
        } catch (JAXBException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Wire() {
    }

    public static JAXBContext context() {
        return CONTEXT;
    }
}
