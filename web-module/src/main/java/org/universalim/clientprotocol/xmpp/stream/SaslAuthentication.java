package org.universalim.clientprotocol.xmpp.stream;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.SaslNegotiation;
import org.universalim.clientprotocol.xmpp.StreamStage;
import org.universalim.clientprotocol.xmpp.Xml;
import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.clientprotocol.xmpp.XmppConnection;
import org.universalim.clientprotocol.xmpp.XmppStreamException;
import org.universalim.clientprotocol.xmpp.XmppStreamException.Condition;
import org.universalim.platform.IspSettings;
import org.universalim.registration.boundary.AccountAuthenticator;
import org.universalim.registration.boundary.Admission;
import org.universalim.registration.boundary.LocalRegistrar;
import org.universalim.registration.boundary.LoginDoor;
import org.universalim.registration.boundary.LoginThrottle;
import org.universalim.registration.control.ScramMechanism;
import org.universalim.registration.entity.ScramCredential;
import org.universalim.registration.entity.Subscriber;

import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * SASL on the stream (RFC 6120 section 6): offers the mechanisms ({@link SaslNegotiation#offered}: PLAIN only
 * on encrypted connections, the -PLUS ones only where the transport gives a channel binding) and turns each step of the exchange into {@code <challenge/>}, {@code <success/>}
 * or {@code <failure/>}, behind the log-in throttle. Only universal users log in: a local-only user is told
 * to upgrade first. Three failures end the stream.
 */
@ApplicationScoped
public class SaslAuthentication implements StreamElementHandler, StreamFeature {

    /** SASL failures allowed on one stream before it is closed. */
    static final int MAX_AUTH_FAILURES = 3;

    @EJB
    AccountAuthenticator authenticator;

    @EJB
    LocalRegistrar registrar;

    @Inject
    LoginThrottle throttle;

    @Inject
    Clock clock;

    @Inject
    IspSettings isp;

    @Inject
    Logger log;

    @Override
    public String namespace() {
        return Namespaces.SASL;
    }

    @Override
    public StreamStage offeredAt() {
        return StreamStage.AUTHENTICATING;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public Xml feature(XmppConnection conn) {
        Xml mechanisms = Xml.element("mechanisms", Namespaces.SASL);
        SaslNegotiation.offered(conn.origin().secure(), conn.transport().channelBinding().isPresent()).forEach(m -> mechanisms.childText("mechanism", m));
        return mechanisms;
    }

    @Override
    public void handle(XmppConnection conn, XmlElement e) throws XmppStreamException {
        if (conn.stage() != StreamStage.AUTHENTICATING) {
            throw new XmppStreamException(Condition.POLICY_VIOLATION, "authenticated already");
        }
        SaslNegotiation.Step step;
        switch (e.name()) {
            case "auth" -> {
                SaslNegotiation negotiation = new SaslNegotiation(accounts(conn), conn.domain(), isp.scramIterations(),
                        conn.origin().secure(), conn.transport().channelBinding().orElse(null));
                conn.sasl(negotiation);
                step = negotiation.start(e.attribute("mechanism"), e.text());
            }
            case "response" -> {
                if (conn.sasl() == null) {
                    throw new XmppStreamException(Condition.POLICY_VIOLATION, "no authentication in progress");
                }
                step = conn.sasl().respond(e.text());
            }
            case "abort" -> step = conn.sasl() == null ? new SaslNegotiation.Failure("aborted", null) : conn.sasl().abort();
            default -> throw new XmppStreamException(Condition.UNSUPPORTED_STANZA_TYPE, "<" + e.name() + "/> is not a SASL request");
        }
        if (step instanceof SaslNegotiation.Challenge c) {
            conn.sendStreamElement(Xml.element("challenge", Namespaces.SASL).text(c.data().isEmpty() ? "=" : c.data()).toString());
            return;
        }
        if (step instanceof SaslNegotiation.Success s) {
            // the account the exchange checked the password against, read once per log-in
            Optional<Subscriber> user = conn.sasl().accounts() instanceof ThrottledAccounts checked
                    ? checked.account(s.userName()) : registrar.find(s.userName());
            if (user.isPresent() && !user.get().isUniversal()) {
                step = new SaslNegotiation.Failure("not-authorized", user.get().userName() + " is registered only with the "
                        + "Local IM server: upgrade to universal first (account.upgrade in the Local protocol, or "
                        + "POST /api/v1/me/upgrade)");
            } else if (user.isPresent()) {
                conn.authenticated(user.get().userName());
                conn.sendStreamElement(Xml.element("success", Namespaces.SASL).text(s.data()).toString());
                log.fine(() -> user.get().userName() + " authenticated over XMPP");
                return;
            } else {
                step = new SaslNegotiation.Failure("not-authorized", "wrong user name or password");
            }
        }
        SaslNegotiation.Failure f = (SaslNegotiation.Failure) step;
        conn.sasl(null);
        Xml failure = Xml.element("failure", Namespaces.SASL).child(Xml.element(f.condition()));
        if (f.text() != null) {
            failure.child(Xml.element("text").attr("xml:lang", "en").text(f.text()));
        }
        conn.sendStreamElement(failure.toString());
        if (!f.condition().equals("aborted") && conn.authFailed() >= MAX_AUTH_FAILURES) {
            throw new XmppStreamException(Condition.NOT_AUTHORIZED, "too many failed log-in attempts");
        }
    }

    /** The accounts as one SASL attempt on {@code conn} sees them, behind the log-in throttle. */
    private SaslNegotiation.Accounts accounts(XmppConnection conn) {
        return new ThrottledAccounts(conn);
    }

    /** One SASL attempt's view of the accounts; it keeps the account it read, so the success needs no second read. */
    private final class ThrottledAccounts implements SaslNegotiation.Accounts {
        private final XmppConnection conn;
        private Admission admission;
        private String asked;
        private Subscriber read;

        ThrottledAccounts(XmppConnection conn) {
            this.conn = conn;
        }

        @Override
        public Optional<String> admit(String userName) {
            admission = throttle.admit(LoginDoor.XMPP, userName, conn.origin().address());
            return admission.admitted() ? Optional.empty() : Optional.of(admission.reason(clock.instant()));
        }

        @Override
        public void outcome(String userName, boolean success) {
            if (success) {
                throttle.succeeded(admission);
            } else {
                throttle.failed(admission);
            }
        }

        @Override
        public Optional<ScramCredential> scram(String userName, ScramMechanism mechanism) {
            Optional<Subscriber> account = authenticator.enabledAccount(userName);
            remember(userName, account);
            return account.map(a -> AccountAuthenticator.credential(a, mechanism));
        }

        @Override
        public Optional<String> plain(String userName, String password) {
            Optional<Subscriber> account = authenticator.authenticated(userName, password);
            remember(userName, account);
            return account.map(Subscriber::userName);
        }

        private void remember(String userName, Optional<Subscriber> account) {
            asked = userName;
            read = account.orElse(null);
        }

        /** The account named {@code userName} (as the client gave it, or normalised) as this attempt read it. */
        Optional<Subscriber> account(String userName) {
            if (read != null && (userName.equals(asked) || userName.equals(read.userName()))) {
                return Optional.of(read);
            }
            return registrar.find(userName);
        }
    }
}
