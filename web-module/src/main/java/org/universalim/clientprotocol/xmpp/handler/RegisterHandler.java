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
import org.universalim.platform.ForbiddenException;
import org.universalim.platform.InvalidRequestException;
import org.universalim.platform.TooManyRequestsException;
import org.universalim.registration.boundary.Account;
import org.universalim.registration.boundary.AccountDeletion;
import org.universalim.registration.boundary.LocalRegistrar;
import org.universalim.registration.boundary.LoginDoor;
import org.universalim.registration.boundary.PasswordChange;
import org.universalim.registration.boundary.PasswordChangeRequest;
import org.universalim.registration.boundary.RegistrationDesk;
import org.universalim.registration.boundary.RegistrationPolicy;
import org.universalim.registration.boundary.RegistrationRequest;

import javax.xml.namespace.QName;
import java.util.List;
import java.util.logging.Logger;

/**
 * In-band registration (XEP-0077, R1): before log-in a client registers as a universal user through the
 * {@link RegistrationDesk} (the ISP's registration policy, an invitation handed over with XEP-0401's
 * {@code <preauth/>}, the rate limits, then FIG. 5), with the same rules as the REST API; after log-in a get
 * shows the account, a set changes the password and {@code <remove/>} deletes the account. Both need the current
 * password: a request without it is answered {@code not-authorized} with the data form to fill in (XEP-0077
 * sections 3.2 and 3.3). Offered as a stream feature before log-in.
 */
@ApplicationScoped
public class RegisterHandler implements IqHandler, StreamFeature {

    static final String CHANGE_FORM = "jabber:iq:register:changepassword";
    static final String CANCEL_FORM = "jabber:iq:register:cancel";

    @EJB
    LocalRegistrar registrar;

    @EJB
    RegistrationDesk desk;

    @EJB
    PasswordChange passwords;

    @EJB
    AccountDeletion deletion;

    @Inject
    RegistrationPolicy policy;

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
                changeAccount(request);
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
                    + "reference). You register with the Universal IM server: you become user@" + request.session().domain() + "."
                    + switch (policy.view().policy()) {
                        case "invite" -> " This server registers by invitation: hand over your invitation first (XEP-0401 preauth).";
                        case "closed" -> " This server does not take registrations: its administrator creates accounts.";
                        default -> "";
                    };
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
            Account account = desk.register(registration, request.session().invitation(), request.session().origin().address());
            request.session().invitation(null);
            log.info(() -> "registered " + account.universalAddress() + " in band (XMPP)");
            request.result(null);
        } catch (TooManyRequestsException e) {
            request.error(StanzaError.policyViolation(e.getMessage()));
        } catch (ForbiddenException e) {
            request.error(RegistrationPolicy.CLOSED.equals(e.code()) || RegistrationPolicy.INVITATION_REQUIRED.equals(e.code())
                    ? StanzaError.notAllowed(e.getMessage()) : StanzaError.forbidden(e.getMessage()));
        } catch (ConflictException e) {
            request.error(StanzaError.conflict(e.getMessage()));
        } catch (InvalidRequestException e) {
            request.error(StanzaError.notAcceptable(RegistrationForm.describe(e)));
        }
    }

    /** A logged-in user changes their password or deletes their account (XEP-0077 sections 3.2 and 3.3). */
    private void changeAccount(IqRequest request) {
        XmlElement query = request.payload();
        boolean cancel = query.child("remove", Namespaces.REGISTER) != null;
        java.util.function.UnaryOperator<String> field = RegistrationForm.submitted(query, cancel ? CANCEL_FORM : CHANGE_FORM);
        if (field == null) {
            if (!cancel && query.childText("password", Namespaces.REGISTER) == null) {
                request.error(StanzaError.badRequest("a password change names the new password; <remove/> deletes the account"));
                return;
            }
            askForm(request, cancel);
            return;
        }
        String userName = field.apply("username");
        if (userName != null && !userName.isBlank() && !userName.strip().equalsIgnoreCase(request.user())) {
            request.error(StanzaError.notAllowed("you change only your own account"));
            return;
        }
        String address = request.session().origin().address();
        try {
            if (cancel) {
                deletion.deleteOwn(request.user(), field.apply("password"), LoginDoor.XMPP, address, request.session().id());
                request.result(null);
                request.session().close("account deleted");
            } else {
                passwords.change(request.user(), new PasswordChangeRequest(field.apply("old_password"), field.apply("password")),
                        LoginDoor.XMPP, address, request.session().id());
                request.result(null);
            }
        } catch (TooManyRequestsException e) {
            request.error(StanzaError.policyViolation(e.getMessage()));
        } catch (InvalidRequestException e) {
            boolean wrongPassword = e.errors().stream().anyMatch(f -> f.field().equals("oldPassword") || f.field().equals("password"));
            request.error(wrongPassword ? StanzaError.notAuthorized("your current password is required and must be right")
                    : StanzaError.notAcceptable("password: " + e.getMessage()));
        }
    }

    /** The error asking for the current password, with the form to fill in (XEP-0077 examples 18 and 24). */
    private static void askForm(IqRequest request, boolean cancel) {
        Xml form = RegistrationForm.passwordForm(cancel ? CANCEL_FORM : CHANGE_FORM, request.user(), !cancel);
        request.session().send(Xml.element("iq", Namespaces.CLIENT).attr("type", "error").attr("id", request.iq().attribute("id"))
                .attr("from", request.iq().attribute("to")).attr("to", request.session().jid())
                .child(Xml.element("query", Namespaces.REGISTER).child(form))
                .child(StanzaError.notAuthorized(cancel ? "confirm the deletion with your password"
                        : "give your current password (old_password) with the new one").toXml()).toString());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
