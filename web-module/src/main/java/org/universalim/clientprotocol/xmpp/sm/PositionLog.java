package org.universalim.clientprotocol.xmpp.sm;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Where the messages of one resumable stream stand in it, kept durably (issue 14): a message is written to the client
 * only once its position is, so that the 'h' of a {@code <resume/>} the server can no longer honour (it restarted, or
 * the session was on another node) still says which messages the client handled.
 */
public interface PositionLog {

    /** The message is the stream's stanza number {@code position}: completes once that is durable. */
    CompletableFuture<?> given(String messageId, long position);

    /** The stream was resumed and numbered again: these messages stand here now, no other: completes once durable. */
    CompletableFuture<?> renumbered(Map<String, Long> positions);

    /** The client acknowledged these messages: their positions are of no more use. */
    void acknowledged(List<String> messageIds);
}
