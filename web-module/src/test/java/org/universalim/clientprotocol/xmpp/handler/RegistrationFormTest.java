package org.universalim.clientprotocol.xmpp.handler;

import org.junit.jupiter.api.Test;
import org.universalim.clientprotocol.xmpp.StanzaReader;
import org.universalim.platform.FieldError;
import org.universalim.platform.InvalidRequestException;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** In-band registration as a form a client renders (XEP-0077 with XEP-0004), and its refusals in the client's words. */
class RegistrationFormTest {

    @Test
    void theFormHasItsTypeAndTheStandardFields() {
        String form = RegistrationForm.form("Fill in").toString();
        assertThat(form).startsWith("<x xmlns=\"jabber:x:data\" type=\"form\">")
                .contains("<field type=\"hidden\" var=\"FORM_TYPE\"><value>jabber:iq:register</value></field>")
                .contains("<field type=\"text-single\" var=\"username\" label=\"User name\"><required/></field>")
                .contains("<field type=\"text-private\" var=\"password\" label=\"Password (8 to 128 characters)\"><required/></field>")
                .contains("<field type=\"text-single\" var=\"name\" label=\"Full name\"><required/></field>")
                .contains("var=\"email\"").contains("var=\"address\"").contains("var=\"nick\"").contains("var=\"misc\"");
    }

    @Test
    void aSubmittedFormIsReadBeforeThePlainFields() throws Exception {
        var query = new StanzaReader().read("<query xmlns='jabber:iq:register'><username>plain</username>"
                + "<x xmlns='jabber:x:data' type='submit'><field var='username'><value>formed</value></field></x></query>");
        assertThat(RegistrationForm.fields(query).apply("username")).isEqualTo("formed");
        assertThat(RegistrationForm.fields(query).apply("name")).isNull();
        var plain = new StanzaReader().read("<query xmlns='jabber:iq:register'><username>plain</username></query>");
        assertThat(RegistrationForm.fields(plain).apply("username")).isEqualTo("plain");
    }

    @Test
    void refusalsNameTheXmppFields() {
        InvalidRequestException e = new InvalidRequestException(List.of(new FieldError("fullName", "a full name is required"),
                new FieldError("userName", "taken"), new FieldError("screenName", "too long")));
        assertThat(RegistrationForm.describe(e)).isEqualTo("name: a full name is required; username: taken; nick: too long");
    }
}
