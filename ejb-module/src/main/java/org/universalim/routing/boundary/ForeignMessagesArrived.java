package org.universalim.routing.boundary;

import org.universalim.routing.entity.ImMessage;

import java.util.List;

/** CDI event: messages from users of other ISPs were stored; they are dispatched once that commits. */
public record ForeignMessagesArrived(List<ImMessage> messages) {
}
