package org.universalim.clientprotocol.xmpp.stream;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.StreamHeader;
import org.universalim.clientprotocol.xmpp.StreamStage;
import org.universalim.clientprotocol.xmpp.Xml;
import org.universalim.clientprotocol.xmpp.XmppConnection;
import org.universalim.clientprotocol.xmpp.XmppStreamException;
import org.universalim.clientprotocol.xmpp.XmppStreamException.Condition;
import org.universalim.platform.IspSettings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The client opens the stream, or restarts it after SASL (RFC 6120 sections 4.2, 4.3): the server answers
 * with its header, checks that the client asks for the universal domain and XMPP 1.0, and offers the
 * {@link StreamFeature}s of the stage the stream enters: before log-in the SASL mechanisms and in-band
 * registration, after it resource binding and the optional session.
 */
@ApplicationScoped
public class StreamOpening {

    @Inject
    IspSettings isp;

    @Inject
    Instance<StreamFeature> discovered;

    private Map<StreamStage, List<StreamFeature>> features = Map.of();

    @PostConstruct
    void collect() {
        features = byStage(discovered);
    }

    /** This step over these features (tests). */
    static StreamOpening with(IspSettings isp, Iterable<StreamFeature> offered) {
        StreamOpening opening = new StreamOpening();
        opening.isp = isp;
        opening.features = byStage(offered);
        return opening;
    }

    private static Map<StreamStage, List<StreamFeature>> byStage(Iterable<StreamFeature> offered) {
        Map<StreamStage, List<StreamFeature>> byStage = new EnumMap<>(StreamStage.class);
        for (StreamFeature f : offered) {
            byStage.computeIfAbsent(f.offeredAt(), s -> new ArrayList<>()).add(f);
        }
        byStage.replaceAll((stage, list) -> list.stream().sorted(Comparator.comparingInt(StreamFeature::order)).toList());
        return byStage;
    }

    public void open(XmppConnection conn, StreamHeader header) throws XmppStreamException {
        StreamStage stage = conn.stage();
        if (stage != StreamStage.AWAITING_OPEN && stage != StreamStage.AWAITING_RESTART) {
            throw new XmppStreamException(Condition.BAD_FORMAT, "the stream is open already");
        }
        String domain = isp.universalDomain();
        String to = header.to();
        conn.openStream();
        if (to != null && !to.strip().equalsIgnoreCase(domain)) {
            throw new XmppStreamException(Condition.HOST_UNKNOWN, "this server is " + domain
                    + (to.strip().equalsIgnoreCase(isp.ispDomain()) ? ": XMPP serves the universal domain" : ""));
        }
        String version = header.version();
        if (version == null || !version.startsWith("1.")) {
            throw new XmppStreamException(Condition.UNSUPPORTED_VERSION, "XMPP 1.0 is required (version='1.0')");
        }
        StreamStage next = stage == StreamStage.AWAITING_RESTART ? StreamStage.AUTHENTICATED : StreamStage.AUTHENTICATING;
        Xml offered = Xml.element("stream:features").attr("xmlns:stream", Namespaces.STREAM);
        for (StreamFeature f : features.getOrDefault(next, List.of())) {
            offered.child(f.feature(conn));
        }
        conn.stage(next);
        conn.sendStreamElement(offered.toString());
    }
}
