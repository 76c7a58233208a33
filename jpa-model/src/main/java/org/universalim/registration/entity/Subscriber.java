package org.universalim.registration.entity;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.AttributeOverrides;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import org.universalim.address.UniversalMarker;
import org.universalim.address.UserId;
import org.universalim.address.UserNames;

import java.time.Instant;
import java.util.Objects;

/**
 * A user of this ISP as the Local IM server (420) knows them: the account, the personal attributes of
 * R1 and the password credentials. One account, whether or not the user is also universal.
 */
@Entity
@Table(name = "SUBSCRIBER", uniqueConstraints = @UniqueConstraint(name = "UQ_SUBSCRIBER_NAME", columnNames = "USER_NAME"))
@NamedQuery(name = Subscriber.BY_NAME, query = "SELECT s FROM Subscriber s WHERE s.userName = :name")
@NamedQuery(name = Subscriber.COUNT_BY_NAME, query = "SELECT COUNT(s) FROM Subscriber s WHERE s.userName = :name")
public class Subscriber {

    public static final String BY_NAME = "Subscriber.byName";
    public static final String COUNT_BY_NAME = "Subscriber.countByName";

    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "subscriberIds")
    @TableGenerator(name = "subscriberIds", table = "ID_SEQUENCES", pkColumnName = "SEQ_NAME",
            valueColumnName = "SEQ_VALUE", pkColumnValue = "SUBSCRIBER", allocationSize = 50)
    private Long id;

    @Version
    private long version;

    /** The normalised local part of the USERID, unique in this ISP's local and universal namespaces. */
    @Column(name = "USER_NAME", length = UserNames.MAX_LENGTH, nullable = false, updatable = false)
    private String userName;

    @Column(name = "FULL_NAME", length = 100, nullable = false)
    private String fullName;

    @Column(name = "POSTAL_ADDRESS", length = 300)
    private String postalAddress;

    @Column(name = "BILLING_REFERENCE", length = 64)
    private String billingReference;

    @Column(name = "SCREEN_NAME", length = 64, nullable = false)
    private String screenName;

    @Column(name = "EMAIL", length = 254)
    private String email;

    /** IANA time zone the user lives in; availability windows are computed in it. */
    @Column(name = "TIME_ZONE", length = 64, nullable = false)
    private String timeZone;

    @Embedded
    @AttributeOverrides({
            @AttributeOverride(name = "salt", column = @Column(name = "SHA256_SALT", length = 64, nullable = false)),
            @AttributeOverride(name = "iterations", column = @Column(name = "SHA256_ITERATIONS", nullable = false)),
            @AttributeOverride(name = "storedKey", column = @Column(name = "SHA256_STORED_KEY", length = 88, nullable = false)),
            @AttributeOverride(name = "serverKey", column = @Column(name = "SHA256_SERVER_KEY", length = 88, nullable = false))
    })
    private ScramCredential scramSha256;

    @Embedded
    @AttributeOverrides({
            @AttributeOverride(name = "salt", column = @Column(name = "SHA1_SALT", length = 64, nullable = false)),
            @AttributeOverride(name = "iterations", column = @Column(name = "SHA1_ITERATIONS", nullable = false)),
            @AttributeOverride(name = "storedKey", column = @Column(name = "SHA1_STORED_KEY", length = 88, nullable = false)),
            @AttributeOverride(name = "serverKey", column = @Column(name = "SHA1_SERVER_KEY", length = 88, nullable = false))
    })
    private ScramCredential scramSha1;

    @Column(name = "REGISTERED_AT", nullable = false, updatable = false)
    private Instant registeredAt;

    /** Set when the user registered with the Universal IM server too (at once or by upgrading, R9). */
    @Column(name = "UNIVERSAL_SINCE")
    private Instant universalSince;

    @Column(name = "DISABLED", nullable = false)
    private boolean disabled;

    protected Subscriber() {
        // for JPA
    }

    public Subscriber(String userName, PersonalAttributes attributes, String timeZone, Instant registeredAt) {
        this.userName = UserNames.normalize(userName);
        this.registeredAt = Objects.requireNonNull(registeredAt);
        this.timeZone = timeZone;
        update(attributes);
    }

    /** Replaces the personal attributes; a missing screen name falls back to the user name. */
    public final void update(PersonalAttributes attributes) {
        this.fullName = attributes.fullName();
        this.postalAddress = attributes.postalAddress();
        this.billingReference = attributes.billingReference();
        this.screenName = attributes.screenName() == null || attributes.screenName().isBlank()
                ? userName : attributes.screenName().strip();
        this.email = attributes.email();
    }

    public void setCredentials(ScramCredential sha256, ScramCredential sha1) {
        this.scramSha256 = Objects.requireNonNull(sha256);
        this.scramSha1 = Objects.requireNonNull(sha1);
    }

    /** Records that the user became universal; an already universal user keeps the first date. */
    public void becomeUniversal(Instant when) {
        if (universalSince == null) {
            universalSince = when;
        }
    }

    public void disable() {
        disabled = true;
    }

    public void enable() {
        disabled = false;
    }

    public Long id() {
        return id;
    }

    public String userName() {
        return userName;
    }

    public PersonalAttributes attributes() {
        return new PersonalAttributes(fullName, postalAddress, billingReference, screenName, email);
    }

    public String screenName() {
        return screenName;
    }

    public String timeZone() {
        return timeZone;
    }

    public void changeTimeZone(String zone) {
        this.timeZone = Objects.requireNonNull(zone);
    }

    public ScramCredential scramSha256() {
        return scramSha256;
    }

    public ScramCredential scramSha1() {
        return scramSha1;
    }

    public Instant registeredAt() {
        return registeredAt;
    }

    public boolean isUniversal() {
        return universalSince != null;
    }

    public Instant universalSince() {
        return universalSince;
    }

    public boolean isDisabled() {
        return disabled;
    }

    /** The user's address at the Local IM server. */
    public UserId localAddress(String ispDomain) {
        return UserId.of(userName, ispDomain);
    }

    /** The user's universal address, or {@code null} for a local-only user. */
    public UserId universalAddress(String ispDomain, UniversalMarker marker) {
        return isUniversal() ? UserId.of(userName, marker.universalDomainOf(ispDomain)) : null;
    }
}
