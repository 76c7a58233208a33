package org.universalim.registration.entity;

import jakarta.persistence.Access;
import jakarta.persistence.AccessType;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.io.Serializable;
import java.util.Base64;

/**
 * What a server keeps of a password for one SCRAM mechanism (RFC 5802 section 5.1): salt, iteration
 * count, StoredKey and ServerKey. The password itself is never stored.
 * Column names are given by the embedding entity.
 */
@Embeddable
@Access(AccessType.FIELD)
public class ScramCredential implements Serializable {

    private static final long serialVersionUID = 1L;

    @Column(name = "SALT", length = 64, nullable = false)
    private String salt;

    @Column(name = "ITERATIONS", nullable = false)
    private int iterations;

    @Column(name = "STORED_KEY", length = 88, nullable = false)
    private String storedKey;

    @Column(name = "SERVER_KEY", length = 88, nullable = false)
    private String serverKey;

    protected ScramCredential() {
        // for JPA
    }

    public ScramCredential(byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {
        Base64.Encoder b64 = Base64.getEncoder();
        this.salt = b64.encodeToString(salt);
        this.iterations = iterations;
        this.storedKey = b64.encodeToString(storedKey);
        this.serverKey = b64.encodeToString(serverKey);
    }

    public byte[] salt() {
        return Base64.getDecoder().decode(salt);
    }

    public String saltBase64() {
        return salt;
    }

    public int iterations() {
        return iterations;
    }

    public byte[] storedKey() {
        return Base64.getDecoder().decode(storedKey);
    }

    public byte[] serverKey() {
        return Base64.getDecoder().decode(serverKey);
    }

    @Override
    public String toString() {
        return "ScramCredential[iterations=" + iterations + "]";
    }
}
