package org.universalim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The SCRAM-SHA-1 exchange of RFC 5802, section 5, byte for byte. */
class ScramTest {

    private static final String SERVER_FIRST =
            "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096";

    @Test
    void clientMessagesMatchRfc5802Example() {
        Scram scram = new Scram("user", "pencil", "fyko+d2lbbFgONRv9qkxdawL");
        assertEquals("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL", scram.clientFirst());
        assertEquals("c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=",
                scram.clientFinal(SERVER_FIRST));
        assertTrue(scram.verifyServerFinal("v=rmF9pqV8S7suAoZWja4dJRkFsKQ="));
        assertTrue(scram.isCached(SERVER_FIRST));
    }

    @Test
    void wrongServerSignatureIsRejected() {
        Scram scram = new Scram("user", "pencil", "fyko+d2lbbFgONRv9qkxdawL");
        scram.clientFirst();
        scram.clientFinal(SERVER_FIRST);
        assertFalse(scram.verifyServerFinal("v=AAAAAAAAAAAAAAAAAAAAAAAAAAA="));
    }

    @Test
    void serverNonceMustExtendClientNonce() {
        Scram scram = new Scram("user", "pencil", "abc");
        scram.clientFirst();
        assertThrows(IllegalStateException.class, () -> scram.clientFinal("r=xyz123,s=QSXCR+Q6sek8bf92,i=4096"));
    }

    @Test
    void plainHasNoAuthorizationIdentity() {
        assertEquals("\u0000alice\u0000secret", Scram.plain("alice", "secret"));
    }
}
