package org.universalim.registration.boundary;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.universalim.registration.control.GuessingRule;
import org.universalim.registration.control.GuessingRule.Limits;
import org.universalim.registration.control.GuessingRule.Tally;
import org.universalim.registration.control.GuessingRule.Verdict;
import org.universalim.registration.control.GuessingRule.Wait;
import org.universalim.registration.control.LoginKeys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Password-guessing throttle for every way of logging in (HTTP Basic, the Local protocol's login, XMPP
 * SASL): failed log-ins are counted per account and per client address, and {@link GuessingRule} decides
 * when the next attempt may have its password checked. A door asks {@link #admit} before it checks a
 * password and tells {@link #succeeded} or {@link #failed} after; a refused attempt is answered "try later"
 * at once (nothing waits on a thread). A success clears the account's failures, not the address's.
 *
 * <p>The counts live in two bounded Caffeine caches, in memory, per node: an attacker cannot grow them
 * beyond {@code auth.tracked.max} entries each, and an entry goes a lock time after its last failure.
 */
@ApplicationScoped
public class LoginThrottle {

    public static final String FAILURES = "universalim.login.failures";
    public static final String THROTTLED = "universalim.login.throttled";
    public static final String ACCOUNT = "account";
    public static final String ADDRESS = "address";
    /** Most entries listed for the administrator. */
    static final int LIST_MAX = 500;

    @Inject
    @ConfigProperty(name = "auth.account.delay.after", defaultValue = "5")
    int accountDelayAfter;

    @Inject
    @ConfigProperty(name = "auth.account.lock.after", defaultValue = "20")
    int accountLockAfter;

    @Inject
    @ConfigProperty(name = "auth.address.delay.after", defaultValue = "20")
    int addressDelayAfter;

    @Inject
    @ConfigProperty(name = "auth.address.lock.after", defaultValue = "100")
    int addressLockAfter;

    @Inject
    @ConfigProperty(name = "auth.delay.base.ms", defaultValue = "1000")
    long delayBaseMillis;

    @Inject
    @ConfigProperty(name = "auth.delay.max.seconds", defaultValue = "60")
    long delayMaxSeconds;

    @Inject
    @ConfigProperty(name = "auth.lock.seconds", defaultValue = "900")
    long lockSeconds;

    @Inject
    @ConfigProperty(name = "auth.tracked.max", defaultValue = "100000")
    long trackedMax;

    @Inject
    Clock clock;

    @Inject
    MetricRegistry registry;

    @Inject
    Logger log;

    private GuessingRule accountRule;
    private GuessingRule addressRule;
    private Cache<String, Tally> accounts;
    private Cache<String, Tally> addresses;
    private final Map<LoginDoor, Counter> failures = new EnumMap<>(LoginDoor.class);
    private final Map<LoginDoor, Counter> throttled = new EnumMap<>(LoginDoor.class);

    @PostConstruct
    void start() {
        Duration base = Duration.ofMillis(delayBaseMillis);
        Duration max = Duration.ofSeconds(delayMaxSeconds);
        Duration lock = Duration.ofSeconds(lockSeconds);
        try {
            accountRule = new GuessingRule(new Limits(accountDelayAfter, accountLockAfter, base, max, lock));
            addressRule = new GuessingRule(new Limits(addressDelayAfter, addressLockAfter, base, max, lock));
        } catch (IllegalArgumentException e) {
            log.log(Level.SEVERE, "log-in limits (auth.*) not usable, the defaults apply: {0}", e.getMessage());
            lock = Duration.ofMinutes(15);
            accountRule = new GuessingRule(new Limits(5, 20, Duration.ofSeconds(1), Duration.ofSeconds(60), lock));
            addressRule = new GuessingRule(new Limits(20, 100, Duration.ofSeconds(1), Duration.ofSeconds(60), lock));
        }
        long size = Math.max(100, trackedMax);
        accounts = Caffeine.newBuilder().maximumSize(size).expireAfterWrite(lock).build();
        addresses = Caffeine.newBuilder().maximumSize(size).expireAfterWrite(lock).build();
        for (LoginDoor door : LoginDoor.values()) {
            Tag tag = new Tag("door", door.label());
            failures.put(door, registry.counter(Metadata.builder().withName(FAILURES)
                    .withDescription("Failed log-ins (wrong user name or password) per door").build(), tag));
            throttled.put(door, registry.counter(Metadata.builder().withName(THROTTLED)
                    .withDescription("Log-in attempts answered 'try later' without checking the password").build(), tag));
        }
    }

    /**
     * Whether a log-in for {@code userName} from {@code address} (an IP literal) may have its password
     * checked now; if so, the door tells {@link #succeeded} or {@link #failed} once it knows.
     */
    public Admission admit(LoginDoor door, String userName, String address) {
        Instant now = clock.instant();
        String account = LoginKeys.account(userName);
        String client = LoginKeys.address(address);
        Wait wait = reserve(addresses.asMap(), addressRule, client, now);
        if (wait == null) {
            wait = reserve(accounts.asMap(), accountRule, account, now);
        }
        if (wait == null) {
            return new Admission(door, account, client, null, false);
        }
        throttled.get(door).inc();
        Admission refused = new Admission(door, account, client, wait.until(), wait.locked());
        log.log(Level.FINE, "log-in of {0} from {1} ({2}) refused for {3} s", new Object[] {printable(account), client,
                door.label(), refused.retryAfterSeconds(now)});
        return refused;
    }

    /** The admitted attempt had the right password: the account's failures are forgotten. */
    public void succeeded(Admission attempt) {
        if (attempt.admitted()) {
            accounts.invalidate(attempt.account());
        }
    }

    /** The admitted attempt had a wrong user name or password: counted for the account and the address, logged. */
    public void failed(Admission attempt) {
        if (!attempt.admitted()) {
            return;
        }
        Instant now = clock.instant();
        Tally account = accounts.asMap().compute(attempt.account(), (k, t) -> accountRule.failed(t, now));
        Tally address = addresses.asMap().compute(attempt.address(), (k, t) -> addressRule.failed(t, now));
        failures.get(attempt.door()).inc();
        int a = account.failures();
        int b = address.failures();
        String lock = a >= accountRule.limits().lockAfter() ? "; the account is locked for " + lockSeconds(accountRule) + " s"
                : b >= addressRule.limits().lockAfter() ? "; the address is locked for " + lockSeconds(addressRule) + " s" : "";
        log.log(Level.WARNING, "failed log-in of {0} from {1} ({2}): failure {3} of the account, {4} of the address{5}",
                new Object[] {printable(attempt.account()), attempt.address(), attempt.door().label(), a, b, lock});
    }

    /** Accounts and addresses with failures counted, locked ones first. */
    public List<LockView> locks() {
        Instant now = clock.instant();
        List<LockView> views = new ArrayList<>();
        collect(views, ACCOUNT, accounts, accountRule, now);
        collect(views, ADDRESS, addresses, addressRule, now);
        views.sort(Comparator.comparing(LockView::locked).reversed().thenComparing(LockView::failures, Comparator.reverseOrder())
                .thenComparing(LockView::key));
        return views.size() > LIST_MAX ? List.copyOf(views.subList(0, LIST_MAX)) : views;
    }

    /** Forgets the failures of an account or address (lifting its lock); false when none were counted. */
    public boolean lift(String kind, String key) {
        Cache<String, Tally> cache = switch (kind) {
            case ACCOUNT -> accounts;
            case ADDRESS -> addresses;
            default -> null;
        };
        if (cache == null || key == null) {
            return false;
        }
        String normalized = kind.equals(ACCOUNT) ? LoginKeys.account(key) : LoginKeys.address(key);
        Tally removed = cache.asMap().remove(key);
        Tally removedNormalized = normalized.equals(key) ? null : cache.asMap().remove(normalized);
        boolean lifted = removed != null || removedNormalized != null;
        if (lifted) {
            log.log(Level.INFO, "log-in failures of {0} {1} forgotten by the administrator", new Object[] {kind, printable(key)});
        }
        return lifted;
    }

    /** Accounts or addresses ({@link #ACCOUNT}, {@link #ADDRESS}) locked now. */
    public int lockedCount(String kind) {
        Instant now = clock.instant();
        boolean account = kind.equals(ACCOUNT);
        GuessingRule rule = account ? accountRule : addressRule;
        return (int) (account ? accounts : addresses).asMap().values().stream()
                .filter(t -> rule.decide(t, now) instanceof Wait w && w.locked()).count();
    }

    /** Admits an attempt under {@code key} unless the rule says wait; returns the wait, or null when admitted. */
    private static Wait reserve(ConcurrentMap<String, Tally> map, GuessingRule rule, String key, Instant now) {
        AtomicReference<Wait> refused = new AtomicReference<>();
        map.computeIfPresent(key, (k, tally) -> {
            Verdict verdict = rule.decide(tally, now);
            if (verdict instanceof Wait w) {
                refused.set(w);
                return tally;
            }
            return rule.admitted(tally, now);
        });
        return refused.get();
    }

    private static void collect(List<LockView> views, String kind, Cache<String, Tally> cache, GuessingRule rule, Instant now) {
        cache.asMap().forEach((key, tally) -> {
            int failures = rule.current(tally, now);
            if (failures > 0) {
                Verdict verdict = rule.decide(tally, now);
                Wait wait = verdict instanceof Wait w ? w : null;
                views.add(new LockView(kind, key, failures, tally.last(), wait == null ? null : wait.until(),
                        wait != null && wait.locked()));
            }
        });
    }

    private static long lockSeconds(GuessingRule rule) {
        return rule.limits().lockTime().toSeconds();
    }

    /** A user name as it may appear in one log line: no control characters, at most 64 characters. */
    static String printable(String text) {
        StringBuilder b = new StringBuilder("\"");
        text.codePoints().limit(64).forEach(c -> b.appendCodePoint(Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT ? '?' : c));
        return b.append(text.codePointCount(0, text.length()) > 64 ? "…\"" : "\"").toString();
    }
}
