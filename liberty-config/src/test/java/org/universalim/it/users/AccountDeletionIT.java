package org.universalim.it.users;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.universalim.it.Http;
import org.universalim.it.IspServer;
import org.universalim.it.scenario.Device;
import org.universalim.it.scenario.Isp;
import org.universalim.it.scenario.User;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deleting an account with its data (issue 16): its devices are logged off, it disappears from its contacts' rosters,
 * here and at another ISP (told by the federation's departRequest), and its name cannot be registered again during the
 * grace period. A refused deletion (wrong password) changes nothing. The administrator's deletion does the same.
 */
class AccountDeletionIT {

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"REST", "SOAP"})
    void aDeletedUserDisappearsFromContactsHereAndAtAnotherIspAndTheNameStaysTaken(String transport) {
        Isp a = Isp.a();
        Isp b = Isp.b();
        Links.federate(a, b, transport);
        User kim = a.registersUniversal("kim");
        User lou = b.registersUniversal("lou");
        User max = a.registers("max");
        try (Device kimPc = kim.logsOn("pc"); Device kimPhone = kim.logsOn("phone"); Device louPc = lou.logsOn("pc");
             Device maxPc = max.logsOn("pc")) {
            kimPc.andTheyLetEachOtherSee(louPc);
            kimPc.andTheyLetEachOtherSee(maxPc);
            louPc.sees(kim).online();

            JsonObject wrong = kimPc.client().request("account.delete", Json.createObjectBuilder().add("password", "not it at all"));
            assertThat(wrong.getString("code")).isEqualTo("validation_failed");
            assertThat(a.profileOf(kim.name())).as("a refused deletion changes nothing").isNotNull();

            JsonObject deleted = kimPc.client().request("account.delete", Json.createObjectBuilder()
                    .add("password", org.universalim.it.Users.PASSWORD));
            assertThat(deleted.getString("type")).as(deleted.toString()).isEqualTo("result");
            kimPc.client().awaitClose();
            kimPhone.client().awaitClose();

            maxPc.client().awaitPush("roster.push", f -> f.getBoolean("removed")
                    && kim.address().equals(f.getJsonObject("entry").getString("contact")));
            louPc.client().await(f -> "roster.push".equals(f.getString("type")) && f.getBoolean("removed")
                    && kim.universalAddress().equals(f.getJsonObject("entry").getString("contact")), Duration.ofSeconds(30));
            assertThat(louPc.requests("roster.get", Json.createObjectBuilder()).getJsonArray("roster").toString())
                    .doesNotContain(kim.name());
            assertThat(b.foreignUsers()).noneMatch(f -> f.getString("address").equals(kim.universalAddress()));

            assertThat(a.profileOf(kim.name())).isNull();
            Isp.Registration again = a.tryToRegister(kim.name(), false);
            assertThat(again.status()).as(again.body()).isEqualTo(409);
            assertThat(again.error()).isEqualTo("name_taken");
        }
    }

    @Test
    void theAdministratorDeletesAUserWithTheSameCascade() {
        Isp a = Isp.a();
        User ned = a.registers("ned");
        User ola = a.registers("ola");
        try (Device nedPc = ned.logsOn("pc"); Device olaPc = ola.logsOn("pc")) {
            nedPc.andTheyLetEachOtherSee(olaPc);

            Http.Answer deleted = Http.delete(a.server().uri("/api/v1/admin/users/" + ned.name()), "admin", IspServer.ADMIN_PASSWORD);
            assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);

            nedPc.client().awaitClose();
            olaPc.client().awaitPush("roster.push", f -> f.getBoolean("removed"));
            assertThat(Http.get(a.server().uri("/api/v1/admin/users/" + ned.name()), "admin", IspServer.ADMIN_PASSWORD).status())
                    .isEqualTo(404);
            assertThat(Http.delete(a.server().uri("/api/v1/admin/users/" + ned.name()), "admin", IspServer.ADMIN_PASSWORD).status())
                    .isEqualTo(404);
        }
    }
}
