package org.universalim.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** One scenario's result: an ordered set of flat fields, written as one JSON line and as a table. */
final class Result {

    final Map<String, Object> fields = new LinkedHashMap<>();

    Result put(String key, Object value) {
        if (value instanceof Double d && (d.isNaN() || d.isInfinite() || d < 0 && key.endsWith("_mb"))) {
            value = null;
        }
        fields.put(key, value);
        return this;
    }

    Object get(String key) {
        return fields.get(key);
    }

    String toJson() {
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append(quote(e.getKey())).append(':').append(value(e.getValue()));
        }
        return b.append('}').toString();
    }

    void printTable(PrintStream out) {
        out.printf("%n== %s on %s ==%n", fields.get("scenario"), fields.get("server"));
        int width = fields.keySet().stream().mapToInt(String::length).max().orElse(10);
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            Object v = e.getValue();
            String s = v == null ? "-" : v instanceof Double d ? format(d) : v.toString();
            out.printf("  %-" + width + "s  %s%n", e.getKey(), s);
        }
    }

    void appendTo(Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, toJson() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    static String format(double d) {
        if (Math.abs(d) >= 100) {
            return String.format(Locale.ROOT, "%.0f", d);
        }
        if (Math.abs(d) >= 10) {
            return String.format(Locale.ROOT, "%.1f", d);
        }
        return String.format(Locale.ROOT, "%.3f", d);
    }

    private static String value(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Double d) {
            return String.format(Locale.ROOT, "%.3f", d);
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        return quote(v.toString());
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** Parses one flat JSON object as written by {@link #toJson()} (strings, numbers, booleans, null). */
    static Map<String, Object> parseFlat(String json) {
        Map<String, Object> m = new LinkedHashMap<>();
        int[] pos = {skip(json, 0)};
        expect(json, pos, '{');
        pos[0] = skip(json, pos[0]);
        if (json.charAt(pos[0]) == '}') {
            return m;
        }
        while (true) {
            pos[0] = skip(json, pos[0]);
            String key = parseString(json, pos);
            pos[0] = skip(json, pos[0]);
            expect(json, pos, ':');
            pos[0] = skip(json, pos[0]);
            m.put(key, parseValue(json, pos));
            pos[0] = skip(json, pos[0]);
            char c = json.charAt(pos[0]++);
            if (c == '}') {
                return m;
            }
            if (c != ',') {
                throw new IllegalArgumentException("bad JSON at " + (pos[0] - 1) + ": " + json);
            }
        }
    }

    private static Object parseValue(String s, int[] pos) {
        char c = s.charAt(pos[0]);
        if (c == '"') {
            return parseString(s, pos);
        }
        int start = pos[0];
        while (pos[0] < s.length() && ",}] \t\r\n".indexOf(s.charAt(pos[0])) < 0) {
            pos[0]++;
        }
        String t = s.substring(start, pos[0]);
        return switch (t) {
            case "null" -> null;
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> Double.parseDouble(t);
        };
    }

    private static String parseString(String s, int[] pos) {
        expect(s, pos, '"');
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = s.charAt(pos[0]++);
            if (c == '"') {
                return b.toString();
            }
            if (c == '\\') {
                char e = s.charAt(pos[0]++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(s.substring(pos[0], pos[0] + 4), 16));
                        pos[0] += 4;
                    }
                    default -> b.append(e);
                }
            } else {
                b.append(c);
            }
        }
    }

    private static void expect(String s, int[] pos, char c) {
        if (s.charAt(pos[0]) != c) {
            throw new IllegalArgumentException("expected '" + c + "' at " + pos[0] + " in " + s);
        }
        pos[0]++;
    }

    private static int skip(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
