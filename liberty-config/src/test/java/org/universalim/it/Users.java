package org.universalim.it;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

import java.util.concurrent.atomic.AtomicInteger;

/** Registers test users with unique names, so that test classes never depend on one another. */
public final class Users {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000, 36);

    public static final String PASSWORD = "correct horse battery";

    private Users() {
    }

    /** A fresh user name, e.g. {@code alice-k3x9-7}. */
    public static String unique(String prefix) {
        return prefix + "-" + RUN + "-" + COUNTER.incrementAndGet();
    }

    public static JsonObjectBuilder request(String userName, boolean universal) {
        return Json.createObjectBuilder()
                .add("userName", userName)
                .add("password", PASSWORD)
                .add("fullName", "Test " + userName)
                .add("postalAddress", "1 Test Street, Testville")
                .add("billingReference", "ACC-" + userName)
                .add("screenName", userName.toUpperCase())
                .add("email", userName + "@mail.example")
                .add("universal", universal);
    }

    /** Registers a user over HTTP and fails the test when the server refuses. */
    public static String register(IspServer isp, String prefix, boolean universal) {
        String name = unique(prefix);
        Http.Answer answer = Http.postJson(isp.uri("/api/v1/registrations"), request(name, universal).build().toString());
        if (answer.status() != 201) {
            throw new AssertionError("registration of " + name + " on " + isp + " failed: " + answer.status() + " " + answer.body());
        }
        return name;
    }
}
