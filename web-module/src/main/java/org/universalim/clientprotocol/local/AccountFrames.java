package org.universalim.clientprotocol.local;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.universalim.account.boundary.DataExport;
import org.universalim.privacy.boundary.BlockList;
import org.universalim.privacy.boundary.StrangerPolicies;
import org.universalim.registration.boundary.AccountDeletion;
import org.universalim.registration.boundary.AccountErasure;
import org.universalim.registration.boundary.InvitationRequest;
import org.universalim.registration.boundary.Invitations;
import org.universalim.registration.boundary.LoginDoor;
import org.universalim.registration.boundary.PasswordChange;
import org.universalim.registration.boundary.PasswordChangeRequest;
import org.universalim.registration.boundary.ProfileEditor;
import org.universalim.registration.boundary.ProfileUpdate;
import org.universalim.routing.boundary.HistoryItem;

import java.util.List;

/**
 * The Local protocol's frames of a user in control of their account (docs/local-protocol.md): the block list
 * ({@code block.*}), what they accept from strangers ({@code privacy.*}), their password, profile, data export and
 * the deletion of their account ({@code account.*}), and invitations ({@code invitation.*}). Each acts on the
 * logged-in user only; refusals come back as the protocol's errors.
 */
@ApplicationScoped
public class AccountFrames {

    /** Messages an {@code account.export} answer carries at most; the JSON API's export has them all. */
    static final int EXPORT_MESSAGES_MAX = 10_000;

    @EJB
    BlockList blocks;

    @EJB
    StrangerPolicies policies;

    @EJB
    PasswordChange passwords;

    @EJB
    ProfileEditor profiles;

    @EJB
    AccountDeletion deletion;

    @EJB
    DataExport export;

    @EJB
    Invitations invitations;

    /**
     * Handles a frame of this family.
     *
     * @return false when the type is none of these
     */
    boolean handle(LocalConnection conn, String type, JsonValue id, JsonObject f) {
        String user = conn.userName();
        switch (type) {
            case "block.list" -> ok(conn, id, type, Json.createObjectBuilder().add("blocks", LocalCodec.json(blocks.list(user))));
            case "block.add" -> ok(conn, id, type, Json.createObjectBuilder()
                    .add("block", LocalCodec.json(blocks.block(user, Frames.text(f, "address")))));
            case "block.remove" -> {
                blocks.unblock(user, Frames.text(f, "address"));
                ok(conn, id, type, Json.createObjectBuilder());
            }
            case "privacy.get" -> ok(conn, id, type, Json.createObjectBuilder().add("privacy", LocalCodec.json(policies.view(user))));
            case "privacy.set" -> ok(conn, id, type, Json.createObjectBuilder()
                    .add("privacy", LocalCodec.json(policies.choose(user, Frames.text(f, "strangers")))));
            case "account.password" -> {
                passwords.change(user, new PasswordChangeRequest(Frames.optionalText(f, "oldPassword"),
                        Frames.optionalText(f, "newPassword")), LoginDoor.LOCAL, conn.origin().address(), conn.id());
                ok(conn, id, type, Json.createObjectBuilder());
            }
            case "account.profile" -> ok(conn, id, type, Json.createObjectBuilder().add("account", LocalCodec.json(
                    profiles.update(user, new ProfileUpdate(Frames.optionalText(f, "fullName"), Frames.optionalText(f, "screenName"),
                            Frames.optionalText(f, "email"), Frames.optionalText(f, "postalAddress"))))));
            case "account.delete" -> {
                deletion.deleteOwn(user, Frames.optionalText(f, "password"), LoginDoor.LOCAL, conn.origin().address(), conn.id());
                ok(conn, id, type, Json.createObjectBuilder());
                conn.close(AccountErasure.REASON);
            }
            case "account.export" -> ok(conn, id, type, Json.createObjectBuilder().add("export", exportOf(user)));
            case "invitation.create" -> ok(conn, id, type, Json.createObjectBuilder().add("invitation", LocalCodec.json(
                    invitations.createByUser(user, new InvitationRequest(f.containsKey("validDays")
                            ? Frames.integer(f, "validDays", 0) : null)))));
            case "invitation.list" -> ok(conn, id, type, Json.createObjectBuilder()
                    .add("invitations", LocalCodec.json(invitations.madeBy(user))));
            default -> {
                return false;
            }
        }
        return true;
    }

    private JsonObjectBuilder exportOf(String user) {
        DataExport.Profile profile = export.profile(user);
        JsonArrayBuilder history = Json.createArrayBuilder();
        int count = 0;
        boolean complete = true;
        for (int page = 0; ; page++) {
            List<HistoryItem> items = export.history(profile.account().userName(), page);
            for (HistoryItem item : items) {
                if (count == EXPORT_MESSAGES_MAX) {
                    complete = false;
                    break;
                }
                history.add(LocalCodec.json(item));
                count++;
            }
            if (!complete || items.size() < DataExport.PAGE) {
                break;
            }
        }
        return Json.createObjectBuilder().add("profile", LocalCodec.json(profile)).add("history", history)
                .add("historyComplete", complete);
    }

    private static void ok(LocalConnection conn, JsonValue id, String type, JsonObjectBuilder payload) {
        conn.send(LocalCodec.result(id, type, payload));
    }
}
