package org.universalim.profile.boundary;

import org.universalim.profile.entity.AccessModel;

/** CDI event: something happened on a node of a local user; fired in the change's transaction. */
public record PersonalEventPublished(String owner, AccessModel access, PersonalEvent event) {
}
