package org.universalim.privacy.control;

import org.universalim.privacy.entity.StrangerPolicy;

import java.util.function.BooleanSupplier;

/**
 * The decision for a message to a local user: a blocked sender gets nothing through; a sender on the user's
 * roster is a contact and always gets through; anyone else is a stranger and meets the user's stranger policy.
 * Whether the sender is a contact is asked only when it matters.
 */
public final class StrangerRule {

    private StrangerRule() {
    }

    public static Admission decide(boolean blocked, StrangerPolicy policy, BooleanSupplier senderIsContact) {
        if (blocked) {
            return Admission.BLOCKED;
        }
        if (policy == StrangerPolicy.ALLOW || senderIsContact.getAsBoolean()) {
            return Admission.DELIVER;
        }
        return policy == StrangerPolicy.REFUSE ? Admission.REFUSED : Admission.DELIVER_NOT_STORED;
    }
}
