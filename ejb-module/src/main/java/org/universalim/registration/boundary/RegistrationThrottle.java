package org.universalim.registration.boundary;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.platform.TooManyRequestsException;
import org.universalim.registration.control.LoginKeys;
import org.universalim.registration.control.RateWindow;
import org.universalim.registration.control.RegistrationSettings;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Registration rate limits, per client address (IPv6: per /64, as the log-in throttle counts) and for all
 * addresses together, each a sliding window ({@code registration.limit.*}). A registration takes a place before it
 * is tried and gives it back when it is refused (a taken name, a refused field), so only registrations that happen
 * count. Per node, in memory (bounded): behind a load balancer each node allows its own share.
 */
@ApplicationScoped
public class RegistrationThrottle {

    /** The code of the refusal, in every door's error shape (429 with {@code Retry-After} in the JSON API). */
    public static final String CODE = "too_many_registrations";
    static final long TRACKED_MAX = 100_000;

    @Inject
    RegistrationSettings settings;

    @Inject
    Clock clock;

    @Inject
    Logger log;

    private RateWindow global;
    private Cache<String, RateWindow> perAddress;

    /** A place taken by a registration being tried. */
    public record Ticket(String address, Instant at, boolean global) {
    }

    @PostConstruct
    void start() {
        Duration window = settings.limitWindow();
        global = settings.limitGlobal() > 0 ? new RateWindow(settings.limitGlobal(), window) : null;
        perAddress = Caffeine.newBuilder().maximumSize(TRACKED_MAX).expireAfterAccess(window).executor(Runnable::run).build();
    }

    /**
     * Takes a place for a registration from {@code clientAddress} (an IP literal; null or {@code unknown} when the
     * door does not know it: then only the global limit applies).
     *
     * @throws TooManyRequestsException when either limit is reached
     */
    public Ticket admit(String clientAddress) {
        Instant now = clock.instant();
        boolean tookGlobal = false;
        if (global != null) {
            Instant freeAt = global.tryTake(now);
            if (freeAt != null) {
                log.log(Level.WARNING, "registration refused: {0} registrations in {1} s from all addresses",
                        new Object[] {settings.limitGlobal(), settings.limitWindow().toSeconds()});
                throw refused(now, freeAt);
            }
            tookGlobal = true;
        }
        String key = LoginKeys.address(clientAddress);
        String address = LoginKeys.UNKNOWN_ADDRESS.equals(key) ? null : key;
        if (address != null && settings.limitPerAddress() > 0) {
            Instant freeAt = perAddress.get(address, a -> new RateWindow(settings.limitPerAddress(), settings.limitWindow()))
                    .tryTake(now);
            if (freeAt != null) {
                if (tookGlobal) {
                    global.giveBack(now);
                }
                log.log(Level.WARNING, "registration refused: {0} registrations in {1} s from {2}",
                        new Object[] {settings.limitPerAddress(), settings.limitWindow().toSeconds(), address});
                throw refused(now, freeAt);
            }
        }
        return new Ticket(address, now, tookGlobal);
    }

    /** The registration did not happen: its place is given back. */
    public void release(Ticket ticket) {
        if (ticket == null) {
            return;
        }
        if (ticket.global() && global != null) {
            global.giveBack(ticket.at());
        }
        if (ticket.address() != null) {
            RateWindow window = perAddress.getIfPresent(ticket.address());
            if (window != null) {
                window.giveBack(ticket.at());
            }
        }
    }

    private static TooManyRequestsException refused(Instant now, Instant freeAt) {
        long seconds = Math.max(1, (Duration.between(now, freeAt).toMillis() + 999) / 1000);
        return new TooManyRequestsException(CODE, "too many new accounts: try again in " + seconds + " s", seconds);
    }
}
