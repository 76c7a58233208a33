package org.universalim.clientprotocol.xmpp.handler;

import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.Xml;
import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.platform.FieldError;
import org.universalim.platform.InvalidRequestException;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The in-band registration as a data form (XEP-0077 section 4 with XEP-0004, FORM_TYPE {@code jabber:iq:register}
 * and the standard field names of XEP-0077 section 14.4), which clients render for their user; reading what the
 * client filled in (the form, or else the plain fields); and the registrar's refusals named by the XMPP fields.
 */
final class RegistrationForm {

    static final String DATA = "jabber:x:data";

    /** Registrar field to XMPP field. */
    private static final Map<String, String> XMPP_FIELDS = Map.of("userName", "username", "password", "password",
            "fullName", "name", "postalAddress", "address", "billingReference", "misc", "screenName", "nick", "email", "email");

    private RegistrationForm() {
    }

    static Xml form(String instructions) {
        Xml x = Xml.element("x", DATA).attr("type", "form").childText("title", "Register with the Universal IM server")
                .childText("instructions", instructions)
                .child(Xml.element("field").attr("type", "hidden").attr("var", "FORM_TYPE").child(Xml.element("value").text(Namespaces.REGISTER)));
        x.child(field("text-single", "username", "User name", true));
        x.child(field("text-private", "password", "Password (8 to 128 characters)", true));
        x.child(field("text-single", "name", "Full name", true));
        x.child(field("text-single", "email", "E-mail", false));
        x.child(field("text-single", "address", "Postal address", false));
        x.child(field("text-single", "nick", "Screen name", false));
        x.child(field("text-single", "misc", "Billing reference", false));
        return x;
    }

    private static Xml field(String type, String var, String label, boolean required) {
        Xml field = Xml.element("field").attr("type", type).attr("var", var).attr("label", label);
        return required ? field.child(Xml.element("required")) : field;
    }

    /**
     * The form asking for the current password (XEP-0077 sections 3.2 and 3.3): the user name, the password and, to
     * change it, the old password.
     */
    static Xml passwordForm(String formType, String userName, boolean change) {
        Xml x = Xml.element("x", DATA).attr("type", "form")
                .childText("title", change ? "Change your password" : "Delete your account")
                .child(Xml.element("field").attr("type", "hidden").attr("var", "FORM_TYPE").child(Xml.element("value").text(formType)))
                .child(Xml.element("field").attr("type", "fixed").attr("var", "username").attr("label", "User name")
                        .child(Xml.element("value").text(userName)));
        if (change) {
            x.child(field("text-private", "old_password", "Current password", true));
            x.child(field("text-private", "password", "New password (8 to 128 characters)", true));
        } else {
            x.child(field("text-private", "password", "Password", true));
        }
        return x;
    }

    /** The fields of a submitted form of this FORM_TYPE, or {@code null} when the query carries none. */
    static UnaryOperator<String> submitted(XmlElement query, String formType) {
        XmlElement form = query.child("x", DATA);
        if (form == null || !"submit".equals(form.attribute("type"))) {
            return null;
        }
        UnaryOperator<String> fields = fields(query);
        return formType.equals(fields.apply("FORM_TYPE")) ? fields : null;
    }

    /** What the client filled in: field by XMPP name, from the submitted form if there is one, else the plain fields. */
    static UnaryOperator<String> fields(XmlElement query) {
        XmlElement form = query.child("x", DATA);
        if (form != null && "submit".equals(form.attribute("type"))) {
            return var -> {
                for (XmlElement field : form.children("field", DATA)) {
                    if (var.equals(field.attribute("var"))) {
                        return field.childText("value", DATA);
                    }
                }
                return null;
            };
        }
        return var -> query.childText(var, Namespaces.REGISTER);
    }

    /** The refusal in words, each field named as the client knows it. */
    static String describe(InvalidRequestException e) {
        StringBuilder text = new StringBuilder();
        List<FieldError> errors = e.errors();
        for (FieldError error : errors) {
            if (!text.isEmpty()) {
                text.append("; ");
            }
            text.append(XMPP_FIELDS.getOrDefault(error.field(), error.field())).append(": ").append(error.message());
        }
        return text.toString();
    }
}
