package org.universalim.registration.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.universalim.registration.entity.ScramCredential;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SASLprep (RFC 4013) on the maintained library, and compatibility with the credentials stored before it. */
class SaslPrepTest {

    @Test
    void theExamplesOfRfc4013() {
        assertThat(SaslPrep.prepare("I\u00ADX")).isEqualTo("IX");     // SOFT HYPHEN mapped to nothing
        assertThat(SaslPrep.prepare("user")).isEqualTo("user");
        assertThat(SaslPrep.prepare("USER")).isEqualTo("USER");       // case preserved
        assertThat(SaslPrep.prepare("\u00AA")).isEqualTo("a");        // NFKC
        assertThat(SaslPrep.prepare("\u2168")).isEqualTo("IX");       // NFKC
        assertThatThrownBy(() -> SaslPrep.prepare("\u0007")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SaslPrep.prepare("\u0627\u0031")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mapsNonAsciiSpacesAndRefusesEmptiness() {
        assertThat(SaslPrep.prepare("a\u00A0b\u3000c")).isEqualTo("a b c");
        assertThatThrownBy(() -> SaslPrep.prepare("\u00AD")).hasMessageContaining("not empty");
        assertThatThrownBy(() -> SaslPrep.checkNew("\u00AD\u00AD")).hasMessageContaining("not empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pass\u202Eword", "pass\u200Eword", "pass\u0085word", "pass\uE000word", "pass\uFFFDword"})
    void refusesWhatTheEarlierImplementationLetThrough(String password) {
        assertThatThrownBy(() -> SaslPrep.checkNew(password)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("a password may not contain");
    }

    @Test
    void newPasswordsMayNotHoldUnassignedCodePointsButLogInsMay() {
        // U+0221 is unassigned in Unicode 3.2, the version of RFC 3454's tables
        assertThatThrownBy(() -> SaslPrep.checkNew("secret\u0221pass")).isInstanceOf(IllegalArgumentException.class);
        assertThat(SaslPrep.prepare("secret\u0221pass")).isEqualTo("secret\u0221pass");
    }

    @Test
    void printableAsciiPreparesExactlyAsBefore() {
        StringBuilder every = new StringBuilder();
        for (char c = 0x20; c < 0x7F; c++) {
            every.append(c);
        }
        assertThat(SaslPrep.prepare(every.toString())).isEqualTo(legacy(every.toString())).isEqualTo(every.toString());
        Random random = new Random(4013);
        for (int i = 0; i < 5000; i++) {
            char[] password = new char[8 + random.nextInt(121)];
            for (int j = 0; j < password.length; j++) {
                password[j] = (char) (0x20 + random.nextInt(0x7F - 0x20));
            }
            String p = new String(password);
            assertThat(SaslPrep.prepare(p)).isEqualTo(legacy(p)).isEqualTo(p);
        }
    }

    @Test
    void commonNonAsciiPasswordsPrepareAsBefore() {
        for (String p : new String[]{"J\u00F6rg-Pa\u00DFwort", "Jo\u0308rg", "caf\u00E9 cr\u00E8me", "\u5BC6\u7801\u5BC6\u7801",
                "\u043F\u0430\u0440\u043E\u043B\u044C", "a\u00A0b", "I\u00ADX", "\uFB01sh", "\u2168 \u00BD",
                "\u05E1\u05D9\u05E1\u05DE\u05D4"}) {
            assertThat(SaslPrep.prepare(p)).as(p).isEqualTo(legacy(p));
        }
    }

    @Test
    void credentialsStoredBeforeStillVerify() {
        for (ScramMechanism mechanism : ScramMechanism.values()) {
            for (String password : new String[]{"correct horse battery", "Tr0ub4dor&3 ~`!@#$%^*()_+-={}[]|\\:;\"'<>,.?/",
                    "J\u00F6rg-Pa\u00DFwort"}) {
                byte[] salt = Scram.newSalt();
                byte[] salted = mechanism.hi(legacy(password).getBytes(StandardCharsets.UTF_8), salt, 4096);
                byte[] storedKey = mechanism.hash(Scram.clientKey(mechanism, salted));
                ScramCredential stored = new ScramCredential(salt, 4096, storedKey, Scram.serverKey(mechanism, salted));
                assertThat(Scram.verify(mechanism, password, stored)).as(password).isTrue();
                assertThat(MessageDigest.isEqual(Scram.credential(mechanism, password, salt, 4096).storedKey(), storedKey)).isTrue();
            }
        }
    }

    /** The partial SASLprep used until the library replaced it: credentials in databases were derived with it. */
    private static String legacy(String password) {
        StringBuilder mapped = new StringBuilder(password.length());
        password.codePoints().forEach(cp -> {
            boolean nothing = cp == 0x00AD || cp == 0x034F || cp == 0x1806 || (cp >= 0x180B && cp <= 0x180D)
                    || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF;
            boolean space = cp == 0x00A0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F
                    || cp == 0x205F || cp == 0x3000;
            if (!nothing) {
                mapped.appendCodePoint(space ? ' ' : cp);
            }
        });
        String prepared = Normalizer.normalize(mapped, Normalizer.Form.NFKC);
        for (int i = 0; i < prepared.length(); i++) {
            char c = prepared.charAt(i);
            if (Character.isISOControl(c) || c == '\uFFFD' || Character.getType(c) == Character.PRIVATE_USE) {
                throw new IllegalArgumentException("control");
            }
        }
        return prepared;
    }
}
