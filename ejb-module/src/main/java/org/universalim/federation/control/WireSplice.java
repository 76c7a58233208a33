package org.universalim.federation.control;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Joins requests this server wrote itself ({@link WireCodec#write}, kept in a peer's outbox) into one request of the
 * same kind by their text: the children of each document's root, in order, under the first document's root with a
 * new transaction id. A batch of queued messages is then sent as written when queued, not read back (with the
 * schema) and written again. Documents whose roots differ in anything but their transaction id are not joined (the
 * caller reads them back instead).
 */
public final class WireSplice {

    private static final String DECLARATION_END = "?>";
    private static final Pattern TRANSACTION_ID = Pattern.compile("\\stransactionId=\"[^\"]*\"");

    private WireSplice() {
    }

    /** One document's parts: the root's start tag (transaction id blanked), its children's text, its end tag. */
    private record Parts(String startTag, String children, String endTag) {
    }

    /**
     * The documents as one, whose root carries {@code transactionId}; empty when they are not documents with the
     * root {@code rootName} alike but for their transaction id.
     */
    public static Optional<String> join(List<String> documents, String rootName, String transactionId) {
        if (documents.isEmpty() || !transactionId.equals(escaped(transactionId))) {
            return Optional.empty();
        }
        StringBuilder children = new StringBuilder();
        String startTag = null;
        String endTag = null;
        String declaration = null;
        for (String document : documents) {
            int bodyStart = 0;
            if (document.startsWith("<?xml")) {
                int end = document.indexOf(DECLARATION_END);
                if (end < 0) {
                    return Optional.empty();
                }
                bodyStart = end + DECLARATION_END.length();
            }
            Optional<Parts> parts = parts(document.substring(bodyStart), rootName);
            if (parts.isEmpty()) {
                return Optional.empty();
            }
            if (startTag == null) {
                startTag = parts.get().startTag();
                endTag = parts.get().endTag();
                declaration = document.substring(0, bodyStart);
            } else if (!startTag.equals(parts.get().startTag()) || !endTag.equals(parts.get().endTag())) {
                return Optional.empty();
            }
            children.append(parts.get().children());
        }
        String root = startTag.substring(0, startTag.length() - 1) + " transactionId=\"" + transactionId + "\">";
        return Optional.of(declaration + root + children + endTag);
    }

    /**
     * How many elements named {@code childName} (with any prefix) a document this server wrote holds: the number of
     * receipts or messages a request carries, counted before requests are joined.
     */
    public static int count(String document, String childName) {
        Matcher tags = Pattern.compile("<(?:[A-Za-z_][\\w.-]*:)?" + Pattern.quote(childName) + "[\\s/>]").matcher(document);
        int count = 0;
        while (tags.find()) {
            count++;
        }
        return count;
    }

    private static Optional<Parts> parts(String body, String rootName) {
        if (!body.startsWith("<")) {
            return Optional.empty();
        }
        int nameEnd = 1;
        while (nameEnd < body.length() && !Character.isWhitespace(body.charAt(nameEnd)) && body.charAt(nameEnd) != '>'
                && body.charAt(nameEnd) != '/') {
            nameEnd++;
        }
        String qualified = body.substring(1, nameEnd);
        String local = qualified.substring(qualified.indexOf(':') + 1);
        if (!local.equals(rootName)) {
            return Optional.empty();
        }
        // the root's attributes are namespace declarations and ids this server wrote: quoted, without '>' or '"'
        int tagEnd = body.indexOf('>', nameEnd);
        String endTag = "</" + qualified + ">";
        if (tagEnd < 0 || body.charAt(tagEnd - 1) == '/' || !body.endsWith(endTag)
                || body.length() - endTag.length() < tagEnd + 1) {
            return Optional.empty();
        }
        String startTag = TRANSACTION_ID.matcher(body.substring(0, tagEnd + 1)).replaceAll("");
        return Optional.of(new Parts(startTag, body.substring(tagEnd + 1, body.length() - endTag.length()), endTag));
    }

    private static String escaped(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }
}
