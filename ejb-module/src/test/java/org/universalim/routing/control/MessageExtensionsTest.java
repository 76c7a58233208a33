package org.universalim.routing.control;

import org.junit.jupiter.api.Test;
import org.universalim.routing.entity.ImMessage;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.universalim.routing.control.MessageExtensions.Name;

class MessageExtensionsTest {

    private static final Name COMPOSING = new Name(MessageExtensions.CHAT_STATES, "composing");
    private static final Name ACTIVE = new Name(MessageExtensions.CHAT_STATES, "active");
    private static final Name DISPLAYED = new Name(MessageExtensions.MARKERS, "displayed");
    private static final Name RECEIVED = new Name(MessageExtensions.RECEIPTS, "received");
    private static final Name REPLACE = new Name(MessageExtensions.CORRECTION, "replace");
    private static final Name REACTIONS = new Name(MessageExtensions.REACTIONS, "reactions");
    private static final Name NO_STORE = new Name(MessageExtensions.HINTS, "no-store");
    private static final Name NO_PERMANENT_STORE = new Name(MessageExtensions.HINTS, "no-permanent-store");
    private static final Name STORE = new Name(MessageExtensions.HINTS, "store");
    private static final Name ORIGIN_ID = new Name(MessageExtensions.STANZA_IDS, "origin-id");

    @Test
    void aChatStateAloneIsNeitherArchivedNorStoredOffline() {
        assertThat(MessageExtensions.keeping(false, List.of(COMPOSING))).isEqualTo(ImMessage.Keeping.TRANSIENT);
        assertThat(MessageExtensions.keeping(false, List.of(COMPOSING, ORIGIN_ID))).isEqualTo(ImMessage.Keeping.TRANSIENT);
    }

    @Test
    void aChatStateWithABodyIsAMessage() {
        assertThat(MessageExtensions.keeping(true, List.of(ACTIVE))).isEqualTo(ImMessage.Keeping.ARCHIVED);
    }

    @Test
    void receiptsMarkersCorrectionsAndReactionsAreArchived() {
        for (Name n : List.of(DISPLAYED, RECEIVED, REPLACE, REACTIONS)) {
            assertThat(MessageExtensions.keeping(false, List.of(n))).as(n.toString()).isEqualTo(ImMessage.Keeping.ARCHIVED);
        }
    }

    @Test
    void hintsDecideFirst() {
        assertThat(MessageExtensions.keeping(true, List.of(NO_STORE))).isEqualTo(ImMessage.Keeping.TRANSIENT);
        assertThat(MessageExtensions.keeping(false, List.of(DISPLAYED, NO_STORE))).isEqualTo(ImMessage.Keeping.TRANSIENT);
        assertThat(MessageExtensions.keeping(true, List.of(NO_PERMANENT_STORE))).isEqualTo(ImMessage.Keeping.OFFLINE_ONLY);
        assertThat(MessageExtensions.keeping(false, List.of(COMPOSING, STORE))).isEqualTo(ImMessage.Keeping.ARCHIVED);
        assertThat(MessageExtensions.keeping(true, List.of())).isEqualTo(ImMessage.Keeping.ARCHIVED);
    }

    @Test
    void onlyWhatClientsMaySendIsCarried() {
        assertThat(MessageExtensions.carried(COMPOSING)).isTrue();
        assertThat(MessageExtensions.carried(ORIGIN_ID)).isTrue();
        assertThat(MessageExtensions.carried(new Name("jabber:x:oob", "x"))).isTrue();
        assertThat(MessageExtensions.carried(new Name(MessageExtensions.STANZA_IDS, "stanza-id"))).isFalse();
        assertThat(MessageExtensions.carried(new Name("urn:xmpp:carbons:2", "received"))).isFalse();
        assertThat(MessageExtensions.carried(new Name("urn:xmpp:mam:2", "result"))).isFalse();
        assertThat(MessageExtensions.carried(new Name("urn:xmpp:delay", "delay"))).isFalse();
        assertThat(MessageExtensions.carried(new Name("jabber:client", "body"))).isFalse();
        assertThat(MessageExtensions.carried(new Name("urn:universal-im:message:1", "im"))).isFalse();
        assertThat(MessageExtensions.carried(new Name("", "x"))).isFalse();
    }

    @Test
    void aBodyLessMessageOfHintsAloneIsNotRouted() {
        assertThat(MessageExtensions.worthRouting(List.of(NO_STORE, ORIGIN_ID))).isFalse();
        assertThat(MessageExtensions.worthRouting(List.of(COMPOSING))).isTrue();
    }

    @Test
    void boundsOfNumberAndSize() {
        assertThat(MessageExtensions.outOfBounds(16, 8192)).isNull();
        assertThat(MessageExtensions.outOfBounds(17, 100)).contains("at most 16");
        assertThat(MessageExtensions.outOfBounds(1, 8193)).contains("8192");
    }

    @Test
    void aClientsErrorIsKeptNowhereAndKnownByItsFirstElement() {
        String error = MessageExtensions.errorElement("bogus", "<item-not-found xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\"/>");
        assertThat(error).startsWith("<error xmlns=\"jabber:client\" type=\"cancel\">");
        assertThat(MessageExtensions.isError(error)).isTrue();
        assertThat(MessageExtensions.isError("<composing xmlns=\"http://jabber.org/protocol/chatstates\"/>" + error)).isFalse();
        assertThat(MessageExtensions.isError(null)).isFalse();
        assertThat(MessageExtensions.keeping(true, java.util.List.of(MessageExtensions.ERROR, new MessageExtensions.Name(MessageExtensions.HINTS, "store"))))
                .isEqualTo(org.universalim.routing.entity.ImMessage.Keeping.TRANSIENT);
        assertThat(MessageExtensions.carried(MessageExtensions.ERROR)).as("not from a client's ordinary message").isFalse();
        assertThat(MessageExtensions.worthRouting(java.util.List.of(MessageExtensions.ERROR))).isTrue();
    }
}
