package org.universalim.clientprotocol.xmpp.handler;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.StanzaError;
import org.universalim.clientprotocol.xmpp.StreamStage;
import org.universalim.clientprotocol.xmpp.Xml;
import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.clientprotocol.xmpp.XmppConnection;
import org.universalim.clientprotocol.xmpp.stream.StreamFeature;
import org.universalim.platform.ConflictException;
import org.universalim.platform.InvalidRequestException;
import org.universalim.registration.boundary.Account;
import org.universalim.registration.boundary.LocalRegistrar;
import org.universalim.registration.boundary.RegistrationRequest;

import javax.xml.namespace.QName;
import java.util.List;
import java.util.logging.Logger;

/**
 * In-band registration (XEP-0077, R1): before log-in a client registers as a universal user
 * ({@link LocalRegistrar}, FIG. 5), with the same rules and errors as the REST API; after log-in a get
 * shows the account. Offered as a stream feature before log-in.
 */
@ApplicationScoped
public class RegisterHandler implements IqHandler, StreamFeature {

    @EJB
    LocalRegistrar registrar;

    @Inject
    Logger log;

    @Override
    public List<QName> handles() {
        return List.of(new QName(Namespaces.REGISTER, "query"));
    }

    @Override
    public boolean answersBeforeLogIn() {
        return true;
    }

    @Override
    public List<String> serverFeatures() {
        return List.of(Namespaces.REGISTER);
    }

    @Override
    public StreamStage offeredAt() {
        return StreamStage.AUTHENTICATING;
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public Xml feature(XmppConnection conn) {
        return Xml.element("register", Namespaces.REGISTER_FEATURE);
    }

    @Override
    public void handle(IqRequest request) {
        boolean bound = request.session().stage() == StreamStage.BOUND;
        String type = request.iq().attribute("type");
        boolean get = "get".equals(type);
        if (!get && !"set".equals(type)) {
            if (bound) {
                request.error(StanzaError.badRequest("get or set"));
            }
            return;
        }
        if (bound) {
            if (!get) {
                request.error(StanzaError.notAllowed("change or close your account through the account API"));
                return;
            }
            Account account = registrar.account(request.user()).orElseThrow();
            request.result(Xml.element("query", Namespaces.REGISTER).child(Xml.element("registered"))
                    .childText("username", account.userName()).childText("name", account.attributes().fullName())
                    .childText("email", account.attributes().email()).childText("address", account.attributes().postalAddress())
                    .childText("nick", account.attributes().screenName()).childText("misc", account.attributes().billingReference()));
            return;
        }
        if (get) {
            String instructions = "Choose a user name and a password of 8 to 128 characters, and give your "
                    + "full name (name). Optional: email, address (postal), nick (screen name), misc (billing "
                    + "reference). You register with the Universal IM server: you become user@" + request.session().domain() + ".";
            request.result(Xml.element("query", Namespaces.REGISTER)
                    .childText("instructions", instructions)
                    .child(Xml.element("username")).child(Xml.element("password")).child(Xml.element("name"))
                    .child(Xml.element("email")).child(Xml.element("address")).child(Xml.element("nick"))
                    .child(Xml.element("misc"))
                    .child(RegistrationForm.form(instructions)));
            return;
        }
        register(request);
    }

    private void register(IqRequest request) {
        XmlElement query = request.payload();
        if (query.child("remove", Namespaces.REGISTER) != null) {
            request.error(StanzaError.notAllowed("log in to close an account"));
            return;
        }
        // the data form when the client filled it in (XEP-0077 section 6: it takes precedence), else the fields
        java.util.function.UnaryOperator<String> field = RegistrationForm.fields(query);
        RegistrationRequest registration = new RegistrationRequest(field.apply("username"), field.apply("password"),
                blankToNull(field.apply("name")), blankToNull(field.apply("address")),
                blankToNull(field.apply("misc")), blankToNull(field.apply("nick")),
                blankToNull(field.apply("email")), null, true);
        try {
            Account account = registrar.register(registration);
            log.info(() -> "registered " + account.universalAddress() + " in band (XMPP)");
            request.result(null);
        } catch (ConflictException e) {
            request.error(StanzaError.conflict(e.getMessage()));
        } catch (InvalidRequestException e) {
            request.error(StanzaError.notAcceptable(RegistrationForm.describe(e)));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
