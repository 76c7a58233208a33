package org.universalim.clientprotocol.xmpp;

import org.universalim.registration.control.ChannelBinding;
import org.universalim.registration.control.ScramException;
import org.universalim.registration.control.ScramMechanism;
import org.universalim.registration.control.ScramServerExchange;
import org.universalim.registration.entity.ScramCredential;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The server side of SASL on an XMPP stream (RFC 6120 section 6): SCRAM-SHA-256 and SCRAM-SHA-1 against
 * the stored SCRAM credentials, their {@code -PLUS} variants bound to the TLS connection when the transport gives its
 * channel binding (RFC 5802 section 6; then a client of the plain variants that says it supports binding is refused), PLAIN against the password check, and PLAIN only when the connection is
 * encrypted (it sends the password itself). Once the user name is known, the log-in throttle decides
 * whether the password is checked at all ({@code temporary-auth-failure} when not). One instance per
 * attempt; the protocol turns each {@link Step} into {@code <challenge/>}, {@code <success/>} or {@code <failure/>}.
 */
public final class SaslNegotiation {

    /** The mechanisms we support, strongest first; PLAIN only on encrypted connections ({@link #offered}). */
    public static final List<String> MECHANISMS = List.of("SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN");
    /** The channel-bound SCRAM mechanisms, offered (first) only on connections with a channel binding. */
    public static final List<String> PLUS_MECHANISMS = List.of("SCRAM-SHA-256-PLUS", "SCRAM-SHA-1-PLUS");
    static final String PLAIN = "PLAIN";
    private static final String PLUS = "-PLUS";

    /** What the negotiation needs from the accounts. */
    public interface Accounts {
        /** A user's stored credential for a SCRAM mechanism; empty for unknown or disabled users. */
        Optional<ScramCredential> scram(String userName, ScramMechanism mechanism);

        /** The user's normalised name when the password is right. */
        Optional<String> plain(String userName, String password);

        /**
         * Before the password of {@code userName} is checked: empty to go on, or the sentence telling the
         * client to try later (the password is then not checked).
         */
        Optional<String> admit(String userName);

        /** How the attempt {@link #admit} let through ended. */
        void outcome(String userName, boolean success);
    }

    /** The next thing to tell the client. */
    public sealed interface Step {
    }

    /** {@code <challenge/>} with base64 data. */
    public record Challenge(String data) implements Step {
    }

    /** {@code <success/>}, with base64 additional data or {@code null}; {@code userName} as the client gave it. */
    public record Success(String userName, String data) implements Step {
    }

    /** {@code <failure/>} with a SASL condition such as {@code not-authorized}. */
    public record Failure(String condition, String text) implements Step {
    }

    private final Accounts accounts;
    private final String domain;
    private final int decoyIterations;
    private final boolean encrypted;
    private final ChannelBinding binding;
    private ScramServerExchange scram;
    private String admitted;
    private String refusal;
    private boolean done;

    /**
     * @param domain    the XMPP domain, so an authorization identity {@code user@domain} is accepted
     * @param encrypted TLS to the client (or to the trusted proxy the client's TLS ends at): PLAIN is offered
     */
    public SaslNegotiation(Accounts accounts, String domain, int decoyIterations, boolean encrypted) {
        this(accounts, domain, decoyIterations, encrypted, null);
    }

    /** @param binding the TLS connection's channel binding, {@code null} when the transport has none (no -PLUS) */
    public SaslNegotiation(Accounts accounts, String domain, int decoyIterations, boolean encrypted, ChannelBinding binding) {
        this.accounts = accounts;
        this.domain = domain;
        this.decoyIterations = decoyIterations;
        this.encrypted = encrypted;
        this.binding = binding;
    }

    /** The mechanisms offered on a connection, strongest first: PLAIN only when it is encrypted. */
    public static List<String> offered(boolean encrypted) {
        return encrypted ? MECHANISMS : MECHANISMS.stream().filter(m -> !m.equals(PLAIN)).toList();
    }

    /** As {@link #offered(boolean)}, with the -PLUS mechanisms first when the connection has a channel binding. */
    public static List<String> offered(boolean encrypted, boolean channelBinding) {
        if (!channelBinding) {
            return offered(encrypted);
        }
        List<String> all = new java.util.ArrayList<>(PLUS_MECHANISMS);
        all.addAll(offered(encrypted));
        return List.copyOf(all);
    }

    /** Picks a mechanism by its name; {@code null} when we do not offer it. */
    public static String select(String requested) {
        if (requested == null) {
            return null;
        }
        String name = requested.strip().toUpperCase(Locale.ROOT);
        return MECHANISMS.contains(name) ? name : null;
    }

    /** {@code <auth mechanism=... >initial response</auth>}. */
    public Step start(String mechanism, String initialResponse) {
        String selected = select(mechanism);
        boolean plus = false;
        if (selected == null && binding != null && mechanism != null
                && PLUS_MECHANISMS.contains(mechanism.strip().toUpperCase(Locale.ROOT))) {
            selected = mechanism.strip().toUpperCase(Locale.ROOT);
            plus = true;
        }
        if (selected == null) {
            return finish(new Failure("invalid-mechanism", "offered: " + String.join(", ", offered(encrypted, binding != null))));
        }
        if (selected.equals(PLAIN)) {
            if (!encrypted) {
                return finish(new Failure("encryption-required", "PLAIN is offered over TLS only: use SCRAM"));
            }
            if (initialResponse == null || initialResponse.isEmpty()) {
                return new Challenge("");
            }
            return plain(initialResponse);
        }
        ScramMechanism m = ScramMechanism.bySaslName(plus ? selected.substring(0, selected.length() - PLUS.length()) : selected);
        // the throttle is asked before the stored credential is looked up: a refused attempt costs no query
        scram = new ScramServerExchange(m, user -> {
            Optional<String> later = admit(user);
            if (later.isPresent()) {
                refusal = later.get();
                return Optional.empty();
            }
            return accounts.scram(user, m);
        }, decoyIterations, binding, plus);
        if (initialResponse == null || initialResponse.isEmpty()) {
            return new Challenge("");
        }
        return respond(initialResponse);
    }

    /** The accounts this exchange asks. */
    public Accounts accounts() {
        return accounts;
    }

    /** {@code <response/>} to our last challenge. */
    public Step respond(String response) {
        if (done) {
            return new Failure("malformed-request", "the exchange is over");
        }
        byte[] data;
        try {
            data = decode(response);
        } catch (IllegalArgumentException e) {
            return finish(new Failure("incorrect-encoding", "not base64"));
        }
        if (scram == null) {
            return plain(response);
        }
        String message = new String(data, StandardCharsets.UTF_8);
        try {
            if (scram.username() == null) {
                String serverFirst = scram.clientFirst(message);
                if (refusal != null) {
                    return finish(new Failure("temporary-auth-failure", refusal));
                }
                if (!authorizationAllowed(scram.authorizationId(), scram.username())) {
                    return finish(new Failure("invalid-authzid", "you may only act as yourself"));
                }
                return new Challenge(encode(serverFirst));
            }
            String serverFinal = scram.clientFinal(message);
            return finish(new Success(scram.username(), encode(serverFinal)));
        } catch (ScramException e) {
            if (e.serverError().contains("channel-binding")) {
                // RFC 5802's own words for it (safe to tell: they say nothing of the account)
                return finish(new Failure("not-authorized", "channel binding: " + e.serverError()));
            }
            return finish(new Failure("not-authorized", "wrong user name or password"));
        }
    }

    /** {@code <abort/>}. */
    public Step abort() {
        return finish(new Failure("aborted", null));
    }

    public boolean isDone() {
        return done;
    }

    private Step plain(String base64) {
        byte[] data;
        try {
            data = decode(base64);
        } catch (IllegalArgumentException e) {
            return finish(new Failure("incorrect-encoding", "not base64"));
        }
        String[] parts = new String(data, StandardCharsets.UTF_8).split("\u0000", -1);
        if (parts.length != 3 || parts[1].isEmpty() || parts[2].isEmpty()) {
            return finish(new Failure("malformed-request", "PLAIN is authzid NUL authcid NUL password"));
        }
        if (!authorizationAllowed(parts[0].isEmpty() ? null : parts[0], parts[1])) {
            return finish(new Failure("invalid-authzid", "you may only act as yourself"));
        }
        Optional<String> later = admit(parts[1]);
        if (later.isPresent()) {
            return finish(new Failure("temporary-auth-failure", later.get()));
        }
        Optional<String> user = accounts.plain(parts[1], parts[2]);
        return finish(user.<Step>map(u -> new Success(u, null))
                .orElseGet(() -> new Failure("not-authorized", "wrong user name or password")));
    }

    private boolean authorizationAllowed(String authzid, String user) {
        if (authzid == null || authzid.isEmpty()) {
            return true;
        }
        String a = authzid.strip().toLowerCase(Locale.ROOT);
        String u = user.strip().toLowerCase(Locale.ROOT);
        return a.equals(u) || a.equals(u + "@" + domain);
    }

    private Optional<String> admit(String userName) {
        Optional<String> later = accounts.admit(userName);
        if (later.isEmpty()) {
            admitted = userName;
        }
        return later;
    }

    /** Ends the exchange; an admitted attempt's outcome goes to the throttle (an abandoned one counts for nothing). */
    private Step finish(Step step) {
        done = true;
        if (admitted != null && (step instanceof Success || step instanceof Failure f && f.condition().equals("not-authorized"))) {
            accounts.outcome(admitted, step instanceof Success);
            admitted = null;
        }
        return step;
    }

    /** RFC 6120 6.4.2: {@code =} is an empty response. */
    static byte[] decode(String base64) {
        String s = base64 == null ? "" : base64.strip();
        if (s.isEmpty() || s.equals("=")) {
            return new byte[0];
        }
        return Base64.getDecoder().decode(s);
    }

    static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
