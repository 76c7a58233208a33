package org.universalim.it.scenario;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import org.universalim.it.Http;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** A registered user of an ISP (FIG. 5): one account, a local address and, when universal, a universal one. */
public final class User {

    private final Isp isp;
    private final JsonObject account;

    User(Isp isp, JsonObject account) {
        this.isp = isp;
        this.account = account;
    }

    public Isp isp() {
        return isp;
    }

    /** The user name the ISP assigned (unique within the ISP). */
    public String name() {
        return account.getString("userName");
    }

    /** The account as the ISP answered the registration. */
    public JsonObject account() {
        return account;
    }

    public boolean isUniversal() {
        return account.getBoolean("universal");
    }

    public String localAddress() {
        return account.getString("localAddress");
    }

    /** The address with the universal marker (R2); null for a local-only user. */
    public String universalAddress() {
        return account.isNull("universalAddress") ? null : account.getString("universalAddress");
    }

    /** How others write to this user: the universal address when there is one, which every ISP can reach. */
    public String address() {
        return isUniversal() ? universalAddress() : localAddress();
    }

    /** Whether {@code address} names this user, in its local or its universal form. */
    boolean isAddressedBy(String address) {
        return address != null && (address.equals(localAddress()) || address.equals(universalAddress()));
    }

    /** Logs on with the Local IM protocol as {@code device}, at the user's own ISP. */
    public Device logsOn(String device) {
        return logsOnAt(isp, device);
    }

    /** Logs on as {@code device} at a node of the user's ISP (R12). */
    public Device logsOnAt(Isp node, String device) {
        return new Device(this, device, LocalClient.login(node.server(), name(), device));
    }

    /**
     * Gives the user four weeks of presence history in which {@code device} was online on weekdays from
     * {@code from} to {@code until} (UTC), as the ISP's administrator imports it: the availability windows (R7).
     */
    public User wasOnlineOnWeekdays(String device, LocalTime from, LocalTime until) {
        JsonArrayBuilder history = Json.createArrayBuilder();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (LocalDate day = today.minusDays(28); day.isBefore(today); day = day.plusDays(1)) {
            if (day.getDayOfWeek().compareTo(DayOfWeek.FRIDAY) <= 0) {
                history.add(Json.createObjectBuilder().add("device", device).add("state", "READY")
                        .add("at", day.atTime(from).toInstant(ZoneOffset.UTC).toString()));
                history.add(Json.createObjectBuilder().add("device", device).add("state", "OFFLINE")
                        .add("at", day.atTime(until).toInstant(ZoneOffset.UTC).toString()));
            }
        }
        Http.Answer imported = Http.postJson(isp.server().uri("/api/v1/admin/users/" + name() + "/presence-history"),
                history.build().toString(), "admin", IspServer.ADMIN_PASSWORD);
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        return this;
    }

    @Override
    public String toString() {
        return address();
    }
}
