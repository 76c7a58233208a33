package org.universalim.clientprotocol.xmpp.profile;

import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.XmlElement;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The verification of entity capabilities (XEP-0115 section 5): the hash of a disco#info answer's identities,
 * features and extended information forms, which must be the {@code ver} the client announced before its features
 * are believed for others announcing the same {@code ver}. Pure.
 */
final class CapsVerification {

    private CapsVerification() {
    }

    /** The features of a disco#info {@code <query/>}. */
    static Set<String> features(XmlElement query) {
        Set<String> features = new HashSet<>();
        for (XmlElement f : query.children("feature", Namespaces.DISCO_INFO)) {
            if (f.attribute("var") != null) {
                features.add(f.attribute("var"));
            }
        }
        return features;
    }

    /**
     * Whether the answer hashes to {@code ver} with {@code hash} ({@code sha-1} or {@code sha-256}); false also for an
     * answer XEP-0115 section 5.4 says not to trust (the same identity, feature or form twice, a form without FORM_TYPE).
     */
    static boolean verifies(XmlElement query, String hash, String ver) {
        String algorithm = switch (hash == null ? "" : hash.toLowerCase(Locale.ROOT)) {
            case "sha-1" -> "SHA-1";
            case "sha-256" -> "SHA-256";
            default -> null;
        };
        if (algorithm == null || ver == null) {
            return false;
        }
        String s = verificationString(query);
        if (s == null) {
            return false;
        }
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(s.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest).equals(ver);
        } catch (NoSuchAlgorithmException e) {
            return false;
        }
    }

    /** The verification string S of XEP-0115 section 5.1, or {@code null} for an answer not to trust. */
    static String verificationString(XmlElement query) {
        StringBuilder s = new StringBuilder();
        List<String> identities = new ArrayList<>();
        for (XmlElement i : query.children("identity", Namespaces.DISCO_INFO)) {
            identities.add(nz(i.attribute("category")) + "/" + nz(i.attribute("type")) + "/" + nz(i.attribute("xml:lang")) + "/"
                    + nz(i.attribute("name")));
        }
        if (new HashSet<>(identities).size() != identities.size()) {
            return null;
        }
        identities.sort(Comparator.naturalOrder());
        identities.forEach(i -> s.append(i).append('<'));
        List<String> features = new ArrayList<>();
        query.children("feature", Namespaces.DISCO_INFO).forEach(f -> features.add(nz(f.attribute("var"))));
        if (new HashSet<>(features).size() != features.size()) {
            return null;
        }
        features.sort(Comparator.naturalOrder());
        features.forEach(f -> s.append(f).append('<'));
        Map<String, String> forms = new TreeMap<>();
        for (XmlElement x : query.children("x", ProfileNamespaces.DATA)) {
            String form = form(x);
            if (form == null) {
                return null;
            }
            String formType = form.substring(0, form.indexOf('<'));
            if (forms.put(formType, form) != null) {
                return null;
            }
        }
        forms.values().forEach(s::append);
        return s.toString();
    }

    /** One extended information form: its FORM_TYPE, then each other field by var with its values sorted. */
    private static String form(XmlElement x) {
        String formType = null;
        Map<String, List<String>> fields = new TreeMap<>();
        for (XmlElement field : x.children("field", ProfileNamespaces.DATA)) {
            String var = field.attribute("var");
            List<String> values = new ArrayList<>();
            field.children("value", ProfileNamespaces.DATA).forEach(v -> values.add(v.text()));
            if ("FORM_TYPE".equals(var)) {
                if (values.isEmpty() || formType != null) {
                    return null;
                }
                formType = values.get(0);
            } else if (var != null) {
                values.sort(Comparator.naturalOrder());
                fields.put(var, values);
            }
        }
        if (formType == null) {
            return null;
        }
        StringBuilder s = new StringBuilder(formType).append('<');
        fields.forEach((var, values) -> {
            s.append(var).append('<');
            values.forEach(v -> s.append(v).append('<'));
        });
        return s.toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
