package org.universalim.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Just enough XML for RFC 7395 frames: every frame is one complete element, so the driver reads the
 * first tag's name and attributes and the text of a few known children by string scanning. It never
 * needs namespaces beyond recognising element names, and it only reads what the servers send.
 */
final class Xml {

    static final String FRAMING_NS = "urn:ietf:params:xml:ns:xmpp-framing";
    static final String SASL_NS = "urn:ietf:params:xml:ns:xmpp-sasl";

    private Xml() {
    }

    /** Index of the first tag's '<', skipping whitespace and an XML declaration; -1 if none. */
    static int firstTag(String frame) {
        int i = 0;
        int n = frame.length();
        while (i < n) {
            char c = frame.charAt(i);
            if (c == '<') {
                if (frame.startsWith("<?", i)) {
                    int end = frame.indexOf("?>", i);
                    if (end < 0) {
                        return -1;
                    }
                    i = end + 2;
                    continue;
                }
                return i;
            }
            i++;
        }
        return -1;
    }

    /** Name (with prefix, if any) of the frame's root element, e.g. {@code stream:features}; "" if none. */
    static String rootName(String frame) {
        int start = firstTag(frame);
        if (start < 0) {
            return "";
        }
        int i = start + 1;
        int n = frame.length();
        while (i < n) {
            char c = frame.charAt(i);
            if (c == ' ' || c == '>' || c == '/' || c == '\t' || c == '\n' || c == '\r') {
                break;
            }
            i++;
        }
        return frame.substring(start + 1, i);
    }

    /** Local name of the root element: {@code features} for {@code <stream:features>}. */
    static String rootLocalName(String frame) {
        String name = rootName(frame);
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(colon + 1);
    }

    /** Value of an attribute of the root element (unescaped), or null. */
    static String rootAttribute(String frame, String name) {
        int start = firstTag(frame);
        if (start < 0) {
            return null;
        }
        int end = frame.indexOf('>', start);
        if (end < 0) {
            end = frame.length();
        }
        int from = start;
        while (true) {
            int at = frame.indexOf(name, from);
            if (at < 0 || at >= end) {
                return null;
            }
            int eq = at + name.length();
            char before = frame.charAt(at - 1);
            if ((before == ' ' || before == '\t' || before == '\n' || before == '\r')
                    && eq + 1 < end && frame.charAt(eq) == '=') {
                char quote = frame.charAt(eq + 1);
                if (quote == '\'' || quote == '"') {
                    int close = frame.indexOf(quote, eq + 2);
                    if (close > 0) {
                        return unescape(frame.substring(eq + 2, close));
                    }
                }
            }
            from = eq;
        }
    }

    /** Text content of the first element with this (qualified) name, e.g. {@code jid}; null if absent. */
    static String childText(String frame, String name) {
        int from = 0;
        while (true) {
            int open = frame.indexOf("<" + name, from);
            if (open < 0) {
                return null;
            }
            int after = open + 1 + name.length();
            if (after >= frame.length()) {
                return null;
            }
            char c = frame.charAt(after);
            if (c == '>' || c == ' ' || c == '/' || c == '\t' || c == '\n' || c == '\r') {
                int gt = frame.indexOf('>', after);
                if (gt < 0) {
                    return null;
                }
                if (frame.charAt(gt - 1) == '/') {
                    return "";
                }
                int close = frame.indexOf("</" + name + ">", gt);
                return close < 0 ? null : unescape(frame.substring(gt + 1, close));
            }
            from = after;
        }
    }

    /** Texts of every element with this name, e.g. every {@code mechanism}. */
    static List<String> childTexts(String frame, String name) {
        List<String> out = new ArrayList<>();
        String open = "<" + name + ">";
        String close = "</" + name + ">";
        int from = 0;
        while (true) {
            int o = frame.indexOf(open, from);
            if (o < 0) {
                return out;
            }
            int c = frame.indexOf(close, o);
            if (c < 0) {
                return out;
            }
            out.add(unescape(frame.substring(o + open.length(), c)).trim());
            from = c + close.length();
        }
    }

    /** True if the frame contains an element of this name ({@code <name} followed by a delimiter). */
    static boolean hasElement(String frame, String name) {
        return childText(frame, name) != null || frame.contains("<" + name + "/>") || frame.contains("<" + name + " ");
    }

    static String escape(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String r = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '\'' -> "&apos;";
                case '"' -> "&quot;";
                default -> null;
            };
            if (r != null && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b != null) {
                if (r != null) {
                    b.append(r);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? s : b.toString();
    }

    static String unescape(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&apos;", "'").replace("&quot;", "\"")
                .replace("&amp;", "&");
    }
}
