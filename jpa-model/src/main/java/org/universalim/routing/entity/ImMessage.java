package org.universalim.routing.entity;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import org.universalim.address.UserId;
import org.universalim.address.UserIdConverter;

import java.time.Instant;
import java.util.Objects;

/**
 * One instant message as the ISP keeps it: for history, for offline storage until the recipient's next
 * log-on, and for delivery receipts. Local users appear under their local address, foreign users under
 * the address they were written to.
 */
@Entity
@Table(name = "IM_MESSAGE", indexes = {
        @Index(name = "IX_MESSAGE_RECIPIENT_STATUS", columnList = "RECIPIENT_USER, STATUS, SENT_AT"),
        @Index(name = "IX_MESSAGE_CONVERSATION", columnList = "CONVERSATION, SENT_AT")})
@NamedQuery(name = ImMessage.STORED_FOR, query = "SELECT m FROM ImMessage m WHERE m.recipientUser = :user "
        + "AND m.status = :stored ORDER BY m.sentAt, m.sequence")
@NamedQuery(name = ImMessage.COUNT_STORED_FOR, query = "SELECT COUNT(m) FROM ImMessage m WHERE m.recipientUser = :user "
        + "AND m.status = :stored")
@NamedQuery(name = ImMessage.CONVERSATION_BEFORE, query = "SELECT m FROM ImMessage m WHERE m.conversation = :conversation "
        + "AND m.sentAt < :before AND m.keeping IS NULL ORDER BY m.sentAt DESC, m.sequence DESC")
public class ImMessage {

    public static final String STORED_FOR = "ImMessage.storedFor";
    public static final String COUNT_STORED_FOR = "ImMessage.countStoredFor";
    public static final String CONVERSATION_BEFORE = "ImMessage.conversationBefore";

    public static final int MAX_BODY = 10_000;
    public static final int MAX_CLIENT_ID = 128;
    /** Most characters of a message's extension elements, as XML. */
    public static final int MAX_EXTENSIONS = 8192;
    /** Most characters of the sending device's name (a resource of another ISP's user may be longer than ours). */
    public static final int MAX_SENDER_DEVICE = 256;

    /** How a message is kept beyond its delivery (XEP-0334 hints, XEP-0160, XEP-0313): null is {@code ARCHIVED}. */
    public enum Keeping {
        /** In the archive (history) and stored offline for the next log-on. */
        ARCHIVED,
        /** Stored offline for the next log-on, never shown in the archive (XEP-0334 {@code no-permanent-store}). */
        OFFLINE_ONLY,
        /** Neither: handed to a device connected now, or dropped (XEP-0085 chat states, XEP-0334 {@code no-store}). */
        TRANSIENT
    }

    /** Where a message is in its life. */
    public enum Status {
        /** Taken by the server, being handed to a device. */
        ACCEPTED,
        /** A device acknowledged it. */
        DELIVERED,
        /** Waiting for the recipient's next log-on. */
        STORED,
        /** Handed to the recipient's ISP. */
        FORWARDED,
        /** Could not be delivered; the sender was told. */
        FAILED
    }

    /** Globally unique message id (a UUID). */
    @Id
    @Column(name = "ID", length = 64)
    private String id;

    /** Order of arrival at this server, for messages sent in the same instant. */
    @Column(name = "SEQUENCE_NO", nullable = false)
    private long sequence;

    @Basic(optional = false)
    @Convert(converter = UserIdConverter.class)
    @Column(name = "SENDER", length = 300, nullable = false)
    private UserId sender;

    @Basic(optional = false)
    @Convert(converter = UserIdConverter.class)
    @Column(name = "RECIPIENT", length = 300, nullable = false)
    private UserId recipient;

    /** The local user name of the sender, when local. */
    @Column(name = "SENDER_USER", length = 32)
    private String senderUser;

    /** The local user name of the recipient, when local. */
    @Column(name = "RECIPIENT_USER", length = 32)
    private String recipientUser;

    /** Both parties' addresses in a fixed order: the key of the conversation's history. */
    @Column(name = "CONVERSATION", length = 601, nullable = false)
    private String conversation;

    @Column(name = "APPLICATION", length = 32, nullable = false)
    private String application;

    @Column(name = "SECURITY_LEVEL", nullable = false)
    private int securityLevel;

    @Column(name = "BODY", length = MAX_BODY, nullable = false)
    private String body;

    /** The format it was carried in between the two users: {@code json} (local) or {@code xml} (universal). */
    @Column(name = "FORMAT", length = 8, nullable = false)
    private String format;

    @Column(name = "SENT_AT", nullable = false)
    private Instant sentAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "STATUS", length = 16, nullable = false)
    private Status status;

    @Column(name = "DELIVERED_AT")
    private Instant deliveredAt;

    @Column(name = "DELIVERED_DEVICE", length = 64)
    private String deliveredDevice;

    /**
     * The id the sending client gave the message (e.g. the Local protocol's {@code clientId}), when it gave one: a
     * resend with the same id from the same account is the same message.
     */
    @Column(name = "CLIENT_ID", length = MAX_CLIENT_ID)
    private String clientId;

    /**
     * The message's extension elements (XEP-0085 chat states, XEP-0184 receipts, XEP-0333 markers, XEP-0308
     * corrections, XEP-0444 reactions...), as XML, each declaring its namespace; null when none.
     */
    @Column(name = "EXTENSIONS", length = MAX_EXTENSIONS)
    private String extensions;

    /** The sending client's own id of the stanza (XMPP's {@code id} attribute), shown to the recipient; null when none. */
    @Column(name = "STANZA_ID", length = MAX_CLIENT_ID)
    private String stanzaId;

    /** The device (resource) the message was sent from, when known. */
    @Column(name = "SENDER_DEVICE", length = MAX_SENDER_DEVICE)
    private String senderDevice;

    /** How it is kept: null for {@link Keeping#ARCHIVED} (the archive's queries ask for null), else its name. */
    @Enumerated(EnumType.STRING)
    @Column(name = "KEEPING", length = 16)
    private Keeping keeping;

    /** The node that took the message; if that node dies before delivery, the message is stored instead. */
    @Column(name = "ACCEPTED_BY", length = 64)
    private String acceptedBy;

    /** The sender's and recipient's addresses as shown to users, when known (not stored). */
    @Transient
    private String shownSender;

    @Transient
    private String shownRecipient;

    /** Set when writing this object found the message there already (a resend): nothing more is written for it. */
    @Transient
    private volatile boolean duplicate;

    protected ImMessage() {
        // for JPA
    }

    public ImMessage(String id, long sequence, UserId sender, String senderUser, UserId recipient, String recipientUser,
                     String application, int securityLevel, String body, String format, Instant sentAt) {
        this.id = Objects.requireNonNull(id);
        this.sequence = sequence;
        this.sender = sender;
        this.senderUser = senderUser;
        this.recipient = recipient;
        this.recipientUser = recipientUser;
        this.conversation = conversationOf(sender.toString(), recipient.toString());
        this.application = application;
        this.securityLevel = securityLevel;
        this.body = body;
        this.format = format;
        this.sentAt = sentAt;
        this.status = Status.ACCEPTED;
    }

    /** Names the node that took the message. */
    public ImMessage acceptedBy(String node) {
        this.acceptedBy = node;
        return this;
    }

    public String acceptedBy() {
        return acceptedBy;
    }

    /** Records the id the sending client gave the message. */
    public ImMessage sentWithClientId(String id) {
        this.clientId = id;
        return this;
    }

    public String clientId() {
        return clientId;
    }

    /**
     * Records what the sending client gave beyond the body: its extension elements (XML, or null), its own stanza id,
     * the device it was sent from, and how the message is kept.
     */
    public ImMessage withEnvelope(String extensions, String stanzaId, String senderDevice, Keeping keeping) {
        this.extensions = extensions == null || extensions.isEmpty() ? null : extensions;
        this.stanzaId = stanzaId;
        this.senderDevice = senderDevice;
        this.keeping = keeping == Keeping.ARCHIVED ? null : keeping;
        return this;
    }

    public String extensions() {
        return extensions;
    }

    public String stanzaId() {
        return stanzaId;
    }

    public String senderDevice() {
        return senderDevice;
    }

    public Keeping keeping() {
        return keeping == null ? Keeping.ARCHIVED : keeping;
    }

    /** Neither archived nor stored offline, and nobody is told what became of it. */
    public boolean isTransient() {
        return keeping() == Keeping.TRANSIENT;
    }

    /**
     * Whether the message leaves no row once it is delivered or dropped: one kept nowhere (a chat state, a message hinted
     * {@code no-store}) without a body, or without a client id. Such a message is never stored, failed over to storage,
     * archived or acknowledged to its sender, so nothing reads its row after that. A transient message with a body and
     * a client id keeps its row (hidden from the archive) so that a resend with that id within the window is still
     * recognised and not shown twice; a chat state resent is shown again, which changes nothing (it is a state).
     */
    public static boolean forgottenOnceDone(ImMessage m) {
        return m.isTransient() && (m.body().isEmpty() || m.clientId() == null);
    }

    /** Writing found the message there already: this object stands for a resend and nothing is written for it. */
    public void foundDuplicate() {
        this.duplicate = true;
    }

    public boolean isDuplicate() {
        return duplicate;
    }

    /** The conversation key of two addresses, the same whoever wrote to whom. */
    public static String conversationOf(String a, String b) {
        return a.compareTo(b) <= 0 ? a + " " + b : b + " " + a;
    }

    /** Remembers, for as long as this object lives, the addresses shown for sender and recipient. */
    public ImMessage shownAs(String sender, String recipient) {
        this.shownSender = sender;
        this.shownRecipient = recipient;
        return this;
    }

    /** The sender's address as shown, if {@link #shownAs} told it. */
    public String shownSender() {
        return shownSender;
    }

    /** The recipient's address as shown, if {@link #shownAs} told it. */
    public String shownRecipient() {
        return shownRecipient;
    }

    public void delivered(String device, Instant at) {
        status = Status.DELIVERED;
        deliveredDevice = device;
        deliveredAt = at;
    }

    public void stored() {
        if (status != Status.DELIVERED) {
            status = Status.STORED;
        }
    }

    public void forwarded(Instant at) {
        status = Status.FORWARDED;
        deliveredAt = at;
    }

    public void failed() {
        status = Status.FAILED;
    }

    public String id() {
        return id;
    }

    public long sequence() {
        return sequence;
    }

    public UserId sender() {
        return sender;
    }

    public UserId recipient() {
        return recipient;
    }

    public String senderUser() {
        return senderUser;
    }

    public String recipientUser() {
        return recipientUser;
    }

    public String application() {
        return application;
    }

    public int securityLevel() {
        return securityLevel;
    }

    public String body() {
        return body;
    }

    public String format() {
        return format;
    }

    public Instant sentAt() {
        return sentAt;
    }

    /**
     * Whether this message comes before {@code other} in the order a recipient is given its messages: the order of
     * {@link #STORED_FOR} (time sent, then arrival number), which is the order of acceptance of one sender's messages.
     */
    public boolean comesBefore(ImMessage other) {
        if (sentAt == null || other.sentAt == null) {
            return false;
        }
        int bySent = sentAt.compareTo(other.sentAt);
        return bySent < 0 || bySent == 0 && sequence < other.sequence;
    }

    public Status status() {
        return status;
    }

    public Instant deliveredAt() {
        return deliveredAt;
    }

    public String deliveredDevice() {
        return deliveredDevice;
    }
}
