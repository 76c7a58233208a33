package org.universalim.routing.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * Where a message stands in the outbound stream of a resumable XMPP stream management session (XEP-0198): the
 * session's SM-ID and the stanza's count in it, written before the message is written to the session. A client
 * that handled the message says so with the 'h' of its {@code <resume/>} even when the server lost the session (it
 * restarted, or the session was on another node): the message counts as delivered then, and is not given again
 * (issue 14). One row per message: where it was given last.
 */
@Entity
@Table(name = "STREAM_POSITION", indexes = {
        @Index(name = "IX_STREAM_POSITION_STREAM", columnList = "STREAM_ID"),
        @Index(name = "IX_STREAM_POSITION_GIVEN", columnList = "GIVEN_AT")})
public class StreamPosition {

    @Id
    @Column(name = "MESSAGE_ID", length = 64)
    private String messageId;

    /** The SM-ID of the session. */
    @Column(name = "STREAM_ID", length = 64, nullable = false)
    private String streamId;

    /** The message's count among the stanzas the session sent (unsigned 32 bits, as 'h'). */
    @Column(name = "POSITION", nullable = false)
    private long position;

    @Column(name = "USER_NAME", length = 32, nullable = false)
    private String userName;

    @Column(name = "DEVICE_NAME", length = 256, nullable = false)
    private String device;

    @Column(name = "GIVEN_AT", nullable = false)
    private Instant givenAt;

    protected StreamPosition() {
        // for JPA
    }

    public StreamPosition(String messageId, String streamId, long position, String userName, String device, Instant givenAt) {
        this.messageId = messageId;
        this.streamId = streamId;
        this.position = position;
        this.userName = userName;
        this.device = device;
        this.givenAt = givenAt;
    }

    public String messageId() {
        return messageId;
    }

    public String streamId() {
        return streamId;
    }

    public long position() {
        return position;
    }

    public String userName() {
        return userName;
    }

    public String device() {
        return device;
    }

    public Instant givenAt() {
        return givenAt;
    }
}
