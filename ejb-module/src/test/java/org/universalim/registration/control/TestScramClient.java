package org.universalim.registration.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** A SCRAM client written from RFC 5802, to drive {@link ScramServerExchange} in tests. */
final class TestScramClient {

    private final ScramMechanism mechanism;
    private final String user;
    private final String password;
    private final String clientNonce = UUID.randomUUID().toString().replace("-", "");
    private final String gs2Header;
    private final byte[] bindingData;
    private String clientFirstBare;
    private byte[] serverSignature;

    TestScramClient(ScramMechanism mechanism, String user, String password) {
        this(mechanism, user, password, "n,,", new byte[0]);
    }

    /** With another GS2 header (e.g. {@code p=tls-server-end-point,,}) and the channel binding data it sends. */
    TestScramClient(ScramMechanism mechanism, String user, String password, String gs2Header, byte[] bindingData) {
        this.mechanism = mechanism;
        this.user = user;
        this.password = password;
        this.gs2Header = gs2Header;
        this.bindingData = bindingData;
    }

    String clientFirst() {
        clientFirstBare = "n=" + user.replace("=", "=3D").replace(",", "=2C") + ",r=" + clientNonce;
        return gs2Header + clientFirstBare;
    }

    String clientFinal(String serverFirst) {
        Map<String, String> attributes = new HashMap<>();
        for (String part : serverFirst.split(",")) {
            attributes.put(part.substring(0, 1), part.substring(2));
        }
        byte[] salted = Scram.saltedPassword(mechanism, password, Base64.getDecoder().decode(attributes.get("s")),
                Integer.parseInt(attributes.get("i")));
        byte[] header = gs2Header.getBytes(StandardCharsets.UTF_8);
        byte[] cbind = java.util.Arrays.copyOf(header, header.length + bindingData.length);
        System.arraycopy(bindingData, 0, cbind, header.length, bindingData.length);
        String withoutProof = "c=" + Base64.getEncoder().encodeToString(cbind) + ",r=" + attributes.get("r");
        byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
        byte[] clientKey = Scram.clientKey(mechanism, salted);
        byte[] signature = mechanism.hmac(mechanism.hash(clientKey), authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ signature[i]);
        }
        serverSignature = mechanism.hmac(Scram.serverKey(mechanism, salted), authMessage);
        return withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
    }

    boolean verifyServerFinal(String serverFinal) {
        return MessageDigest.isEqual(Base64.getDecoder().decode(serverFinal.substring(2)), serverSignature);
    }
}
