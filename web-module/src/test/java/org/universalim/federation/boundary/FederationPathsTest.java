package org.universalim.federation.boundary;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FederationPathsTest {

    @ParameterizedTest
    @ValueSource(strings = {"/federation/v1/schema", "/%66ederation/v1/schema", "/%66%65%64%65ration/v1/schema",
            "/./federation/v1/schema", "/federation;x/v1/schema", "//federation/v1/schema", "/FEDERATION/v1/schema",
            "/x/../federation/v1/schema", "/%2e/federation/v1/schema", "/federation%2fv1/schema", "/%2Ffederation/v1/schema",
            "/%252Ffederation/v1", "/\\federation/v1/schema", "/federation", "/fed%65ration", "/ federation/v1",
            "/federation%00/v1"})
    void everySpellingOfAFederationPathIsOne(String raw) {
        // whatever the container would dispatch on, our readings find the federation in it
        assertThat(new FederationPaths.RequestPath(raw, "/index.html").federation()).as(raw).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/index.html", "/api/v1/registrations", "/ws/local", "/federations", "/api/federation/x",
            "/federationx/v1", "/xmpp-websocket"})
    void clientPathsAreNot(String raw) {
        assertThat(new FederationPaths.RequestPath(raw, raw).federation()).as(raw).isFalse();
    }

    @Test
    void whatTheContainerDispatchesOnDecidesToo() {
        assertThat(new FederationPaths.RequestPath("/somewhere-else", "/federation/v1/schema").federation()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        "/federation/v1/status, /federation/v1/status",
        "/%66ederation/v1/status, /federation/v1/status",
        "/a/./b/../c/, /a/c/",
        "/a;x=1/b;y, /a/b",
        "//a///b, /a/b",
        "/%C3%A9t%C3%A9, /été"})
    void normalisesWhatCanBeNormalised(String raw, String normalised) {
        assertThat(FederationPaths.normalise(raw)).contains(normalised);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a%2fb", "/a%5cb", "/a\\b", "/..", "/a/../..", "/%zz", "/%4", "/%C3", "/a%00b", "/a%0ab", "relative"})
    void refusesWhatCannotBe(String raw) {
        assertThat(FederationPaths.normalise(raw)).as(raw).isEmpty();
    }

    @Test
    void theFederationPortTakesOnlyCanonicalPathsItServes() {
        assertThat(new FederationPaths.RequestPath("/federation/v1/status", "/federation/v1/status").canonical()).isTrue();
        assertThat(new FederationPaths.RequestPath("/federation/v1/st%61tus", "/federation/v1/status").canonical()).isFalse();
        assertThat(new FederationPaths.RequestPath("/federation/./v1/status", "/federation/v1/status").canonical()).isFalse();
        assertThat(new FederationPaths.RequestPath("/federation/v1/status;x", "/federation/v1/status").canonical()).isFalse();
        assertThat(new FederationPaths.RequestPath("/federation/soap", "/federation/soap").served()).isTrue();
        assertThat(new FederationPaths.RequestPath("/federation/internal/batch", "/federation/internal/batch").internal()).isTrue();
        assertThat(new FederationPaths.RequestPath("/federation/v1/", "/federation/v1/").served()).isFalse();
        assertThat(new FederationPaths.RequestPath("/federation/other", "/federation/other").served()).isFalse();
        assertThat(new FederationPaths.RequestPath("/FEDERATION/v1/status", "/FEDERATION/v1/status").served()).isFalse();
    }
}
