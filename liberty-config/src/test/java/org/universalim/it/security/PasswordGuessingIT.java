package org.universalim.it.security;

import jakarta.json.JsonObject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.universalim.it.Http;
import org.universalim.it.IspServer;
import org.universalim.it.Users;
import org.universalim.it.security.Doors.Kind;
import org.universalim.it.security.Doors.Outcome;
import org.universalim.it.security.Doors.Tally;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.universalim.it.security.GuardedServer.ACCOUNT_LOCK_AFTER;
import static org.universalim.it.security.GuardedServer.ADDRESS_LOCK_AFTER;
import static org.universalim.it.security.GuardedServer.freshAddress;

/**
 * Password guessing through the three doors (HTTP Basic, the Local protocol's login, XMPP SASL) is throttled
 * per account and per client address: delayed after a few failures, locked after more, answered with each
 * protocol's own "try later"; the right password works again once the lock has expired, or at once when the
 * administrator lifts it. Limits of the guarded server: {@link GuardedServer}.
 */
class PasswordGuessingIT {

    private static final Duration GUESSING = Duration.ofSeconds(20);
    private static final Duration LOCK_EXPIRY = Duration.ofSeconds(GuardedServer.LOCK_SECONDS + 8L);

    static IspServer isp;

    @BeforeAll
    static void start() {
        isp = GuardedServer.start();
    }

    @Test
    void httpBasicGuessesOnOneAccountAreDelayedThenLockedUntilTheLockExpires() {
        String user = Users.register(isp, "gina", true);
        String attacker = freshAddress();
        Tally tally = Doors.guessUntilLocked(n -> Doors.http(isp, user, "guess " + n, attacker), GUESSING);

        assertThat(tally.checked()).as("passwords checked before the lock").isLessThanOrEqualTo(ACCOUNT_LOCK_AFTER);
        Outcome locked = tally.outcomes().get(tally.outcomes().size() - 1);
        assertThat(locked.retryAfter()).isBetween(2, GuardedServer.LOCK_SECONDS);
        assertThat(locked.answer()).contains("\"error\":\"too_many_attempts\"").doesNotContain("guess");
        // the account is locked, not only the attacker's address: the right password waits too
        assertThat(Doors.http(isp, user, Users.PASSWORD, attacker).kind()).isEqualTo(Kind.THROTTLED);
        assertThat(Doors.http(isp, user, Users.PASSWORD, freshAddress()).kind()).isEqualTo(Kind.THROTTLED);

        String legitimate = freshAddress();
        awaitLockExpiry().until(() -> Doors.http(isp, user, Users.PASSWORD, legitimate).kind() == Kind.ACCEPTED);
    }

    @Test
    void oneAddressGuessingManyAccountsIsLockedWhileOtherAddressesLogIn() {
        String bystander = Users.register(isp, "hugo", true);
        String attacker = freshAddress();
        Tally tally = Doors.guessUntilLocked(n -> Doors.http(isp, Users.unique("nobody"), "guess " + n, attacker), GUESSING);

        assertThat(tally.checked()).as("passwords checked before the lock").isLessThanOrEqualTo(ADDRESS_LOCK_AFTER);
        assertThat(Doors.http(isp, bystander, Users.PASSWORD, attacker).kind()).isEqualTo(Kind.THROTTLED);
        assertThat(Doors.local(isp, bystander, Users.PASSWORD, attacker).kind()).isEqualTo(Kind.THROTTLED);
        assertThat(Doors.http(isp, bystander, Users.PASSWORD, freshAddress()).kind()).isEqualTo(Kind.ACCEPTED);

        awaitLockExpiry().until(() -> Doors.http(isp, bystander, Users.PASSWORD, attacker).kind() == Kind.ACCEPTED);
    }

    @Test
    void localLoginGuessesGetTooManyAttemptsWithRetryAfter() {
        String user = Users.register(isp, "ida", false);
        String attacker = freshAddress();
        Tally tally = Doors.guessUntilLocked(n -> Doors.local(isp, user, "guess " + n, attacker), GUESSING);

        assertThat(tally.checked()).isLessThanOrEqualTo(ACCOUNT_LOCK_AFTER);
        assertThat(tally.outcomes().get(tally.outcomes().size() - 1).answer())
                .contains("\"type\":\"error\"", "\"for\":\"login\"", "\"code\":\"too_many_attempts\"", "\"retryAfter\":");
        assertThat(Doors.local(isp, user, Users.PASSWORD, freshAddress()).kind()).isEqualTo(Kind.THROTTLED);

        String legitimate = freshAddress();
        awaitLockExpiry().until(() -> Doors.local(isp, user, Users.PASSWORD, legitimate).kind() == Kind.ACCEPTED);
    }

    @Test
    void xmppSaslGuessesGetTemporaryAuthFailure() {
        String user = Users.register(isp, "jan", true);
        String attacker = freshAddress();
        Tally tally = Doors.guessUntilLocked(n -> Doors.xmpp(isp, user, "guess " + n, attacker), GUESSING);

        assertThat(tally.checked()).isLessThanOrEqualTo(ACCOUNT_LOCK_AFTER);
        assertThat(tally.outcomes().get(tally.outcomes().size() - 1).answer())
                .startsWith("<failure xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\"><temporary-auth-failure/>");
        assertThat(Doors.xmpp(isp, user, Users.PASSWORD, freshAddress()).kind()).isEqualTo(Kind.THROTTLED);

        String legitimate = freshAddress();
        awaitLockExpiry().until(() -> Doors.xmpp(isp, user, Users.PASSWORD, legitimate).kind() == Kind.ACCEPTED);
    }

    @Test
    void failuresAtOneDoorCountAtTheOthers() {
        String user = Users.register(isp, "kim", true);
        String attacker = freshAddress();
        // a few wrong passwords at each door, then the lock holds at all three
        Doors.guessUntilLocked(n -> switch (n % 3) {
            case 0 -> Doors.http(isp, user, "guess " + n, attacker);
            case 1 -> Doors.local(isp, user, "guess " + n, attacker);
            default -> Doors.xmpp(isp, user, "guess " + n, attacker);
        }, GUESSING);

        String elsewhere = freshAddress();
        assertThat(Doors.http(isp, user, Users.PASSWORD, elsewhere).kind()).isEqualTo(Kind.THROTTLED);
        assertThat(Doors.local(isp, user, Users.PASSWORD, elsewhere).kind()).isEqualTo(Kind.THROTTLED);
        assertThat(Doors.xmpp(isp, user, Users.PASSWORD, elsewhere).kind()).isEqualTo(Kind.THROTTLED);
        awaitLockExpiry().until(() -> Doors.xmpp(isp, user, Users.PASSWORD, elsewhere).kind() == Kind.ACCEPTED);
        assertThat(Doors.local(isp, user, Users.PASSWORD, elsewhere).kind()).isEqualTo(Kind.ACCEPTED);
    }

    @Test
    void theAdministratorSeesTheLocksAndLiftsThem() {
        String user = Users.register(isp, "lea", true);
        String attacker = freshAddress();
        Doors.guessUntilLocked(n -> Doors.http(isp, user, "guess " + n, attacker), GUESSING);

        Http.Answer locks = Http.get(isp.uri("/api/v1/admin/locks"), "admin", IspServer.ADMIN_PASSWORD);
        assertThat(locks.status()).isEqualTo(200);
        JsonObject account = entry(locks, "account", user);
        assertThat(account.getBoolean("locked")).isTrue();
        assertThat(account.getInt("failures")).isEqualTo(ACCOUNT_LOCK_AFTER);
        assertThat(account.getString("until")).isNotBlank();
        JsonObject address = entry(locks, "address", attacker);
        assertThat(address.getInt("failures")).isEqualTo(ACCOUNT_LOCK_AFTER);

        // users cannot see or lift locks
        String other = Users.register(isp, "nils", true);
        assertThat(Http.get(isp.uri("/api/v1/admin/locks"), other, Users.PASSWORD).status()).isEqualTo(403);
        assertThat(Http.delete(isp.uri("/api/v1/admin/locks/account/" + user), other, Users.PASSWORD).status()).isEqualTo(403);

        assertThat(Http.delete(isp.uri("/api/v1/admin/locks/account/" + user), "admin", IspServer.ADMIN_PASSWORD).status())
                .isEqualTo(204);
        assertThat(Http.delete(isp.uri("/api/v1/admin/locks/address/" + URLEncoder.encode(attacker, StandardCharsets.UTF_8)),
                "admin", IspServer.ADMIN_PASSWORD).status()).isEqualTo(204);
        assertThat(Http.delete(isp.uri("/api/v1/admin/locks/account/" + user), "admin", IspServer.ADMIN_PASSWORD).status())
                .isEqualTo(404);
        // lifted: the right password works at once, from the attacker's address too
        assertThat(Doors.http(isp, user, Users.PASSWORD, attacker).kind()).isEqualTo(Kind.ACCEPTED);
    }

    @Test
    void aFailureIsLoggedWithAccountAndAddressNeverThePasswordAndCounted() {
        String user = Users.register(isp, "max", true);
        String address = freshAddress();
        String guess = "secret-guess-" + Users.unique("pw");
        long before = failuresCounted("http");
        assertThat(Doors.http(isp, user, guess, address).kind()).isEqualTo(Kind.WRONG);
        assertThat(Doors.local(isp, user, guess, address).kind()).isEqualTo(Kind.WRONG);

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> logLines(user).size() >= 2);
        List<String> lines = logLines(user);
        assertThat(lines).allSatisfy(line -> assertThat(line).contains(" W ", address).doesNotContain(guess));
        assertThat(String.join("\n", lines)).contains("http", "local");
        assertThat(failuresCounted("http")).isGreaterThan(before);
    }

    private static JsonObject entry(Http.Answer locks, String kind, String key) {
        return locks.jsonArray().stream().map(v -> (JsonObject) v)
                .filter(o -> o.getString("kind").equals(kind) && o.getString("key").equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + key + " in " + locks.body()));
    }

    private static List<String> logLines(String user) {
        try {
            return Files.readAllLines(isp.messagesLog()).stream().filter(l -> l.contains(user) && l.contains("log-in")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code universalim_login_failures_total{door="..."}} on /metrics. */
    private static long failuresCounted(String door) {
        String metrics = Http.get(isp.uri("/metrics?scope=application")).body();
        Matcher m = Pattern.compile("(?m)^universalim_login_failures_total\\{[^}]*door=\"" + door + "\"[^}]*} ([0-9.E]+)$")
                .matcher(metrics);
        return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }

    private static org.awaitility.core.ConditionFactory awaitLockExpiry() {
        return Awaitility.await().atMost(LOCK_EXPIRY).pollInterval(Duration.ofMillis(250));
    }
}
