package org.universalim.registration.control;

/**
 * The GS2 header that starts a SCRAM client-first-message (RFC 5802 section 7, RFC 5801):
 * {@code gs2-cbind-flag "," [authzid] ","}, the flag being {@code n} (the client does not support channel binding),
 * {@code y} (it does, but thinks the server does not) or {@code p=<type>} (it binds to the channel).
 *
 * @param flag            {@code 'n'}, {@code 'y'} or {@code 'p'}
 * @param bindingType     the type after {@code p=}; {@code null} for n and y
 * @param authorizationId the authorization identity, unescaped; {@code null} when absent
 * @param raw             the header as sent, both commas included (part of the channel binding data)
 * @param rest            the client-first-message-bare after it
 */
public record Gs2Header(char flag, String bindingType, String authorizationId, String raw, String rest) {

    /** Parses the start of a client-first-message. */
    public static Gs2Header parse(String message) throws ScramException {
        int firstComma = message.indexOf(',');
        int secondComma = firstComma < 0 ? -1 : message.indexOf(',', firstComma + 1);
        if (firstComma < 0 || secondComma < 0) {
            throw new ScramException("other-error", "malformed gs2 header");
        }
        String cbindFlag = message.substring(0, firstComma);
        char flag;
        String type = null;
        if (cbindFlag.equals("n") || cbindFlag.equals("y")) {
            flag = cbindFlag.charAt(0);
        } else if (cbindFlag.startsWith("p=") && validType(cbindFlag.substring(2))) {
            flag = 'p';
            type = cbindFlag.substring(2);
        } else {
            throw new ScramException("other-error", "malformed channel binding flag");
        }
        String authz = message.substring(firstComma + 1, secondComma);
        String authorizationId = null;
        if (!authz.isEmpty()) {
            if (!authz.startsWith("a=")) {
                throw new ScramException("other-error", "malformed authzid");
            }
            authorizationId = ScramServerExchange.unescape(authz.substring(2));
        }
        return new Gs2Header(flag, type, authorizationId, message.substring(0, secondComma + 1), message.substring(secondComma + 1));
    }

    /** cb-name: 1*(ALPHA / DIGIT / "." / "-") (RFC 5802 section 7). */
    private static boolean validType(String type) {
        if (type.isEmpty() || type.length() > 64) {
            return false;
        }
        for (int i = 0; i < type.length(); i++) {
            char c = type.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
