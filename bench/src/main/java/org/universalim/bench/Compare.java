package org.universalim.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints one table from the JSON lines the driver wrote: a column per server and the ratio of ours to
 * each reference server. Usage: {@code Compare RESULTS.jsonl OURS [REF1 REF2 ...]} (default: every other
 * server in the file, in order of appearance); the ratio columns stay empty when there is no result for OURS.
 */
public final class Compare {

    /** scenario, JSON key, label. */
    private static final String[][] ROWS = {
        {"closed", "msgs_per_s", "(a) closed loop: delivered msgs/s"},
        {"closed", "lat_p50_ms", "(a) latency p50 ms"},
        {"closed", "lat_p90_ms", "(a) latency p90 ms"},
        {"closed", "lat_p99_ms", "(a) latency p99 ms"},
        {"closed", "lat_max_ms", "(a) latency max ms"},
        {"closed", "lost", "(a) messages lost"},
        {"closed", "server_cpu_us_per_msg", "(a) server CPU us/msg"},
        {"closed", "server_rss_mb", "(a) server RSS MB"},
        {"closed", "driver_cpu_s", "(a) driver CPU s"},
        {"closed", "other_cpu_s", "(a) other processes' CPU s"},
        {"open", "rate_sent", "(b) open loop: msgs/s sent"},
        {"open", "rate_delivered", "(b) msgs/s delivered"},
        {"open", "lat_p50_ms", "(b) latency p50 ms"},
        {"open", "lat_p90_ms", "(b) latency p90 ms"},
        {"open", "lat_p99_ms", "(b) latency p99 ms"},
        {"open", "lat_max_ms", "(b) latency max ms"},
        {"open", "lost", "(b) messages lost"},
        {"open", "server_cpu_us_per_msg", "(b) server CPU us/msg"},
        {"open", "other_cpu_s", "(b) other processes' CPU s"},
        {"logins", "logins_per_s", "(c) logins/s"},
        {"logins", "login_p50_ms", "(c) login p50 ms"},
        {"logins", "login_p99_ms", "(c) login p99 ms"},
        {"logins", "login_max_ms", "(c) login max ms"},
        {"logins", "login_failures", "(c) login failures"},
        {"logins", "server_cpu_ms_per_login", "(c) server CPU ms/login"},
        {"logins", "other_cpu_s", "(c) other processes' CPU s"},
        {"connections", "connections_reached", "(d) idle connections reached"},
        {"connections", "cap", "(d) cap"},
        {"connections", "login_failures", "(d) login failures"},
        {"connections", "elapsed_s", "(d) seconds to open them"},
        {"connections", "server_rss_mb", "(d) server RSS MB"},
        {"connections", "server_kb_per_connection", "(d) server KB/connection"},
        {"federation-rest", "msgs_per_s", "(e) federation REST, closed loop: msgs/s"},
        {"federation-rest", "lat_p50_ms", "(e) REST latency p50 ms"},
        {"federation-rest", "lat_p99_ms", "(e) REST latency p99 ms"},
        {"federation-rest", "lat_max_ms", "(e) REST latency max ms"},
        {"federation-rest", "lost", "(e) REST messages lost"},
        {"federation-rest", "servers_cpu_us_per_msg", "(e) REST CPU us/msg, both servers"},
        {"federation-rest", "other_cpu_s", "(e) REST other processes' CPU s"},
        {"federation-soap", "msgs_per_s", "(e) federation SOAP, closed loop: msgs/s"},
        {"federation-soap", "lat_p50_ms", "(e) SOAP latency p50 ms"},
        {"federation-soap", "lat_p99_ms", "(e) SOAP latency p99 ms"},
        {"federation-soap", "lat_max_ms", "(e) SOAP latency max ms"},
        {"federation-soap", "lost", "(e) SOAP messages lost"},
        {"federation-soap", "servers_cpu_us_per_msg", "(e) SOAP CPU us/msg, both servers"},
        {"federation-soap", "other_cpu_s", "(e) SOAP other processes' CPU s"},
        {"federation-open-rest", "rate_delivered", "(e) federation REST, open loop: msgs/s delivered"},
        {"federation-open-rest", "lat_p50_ms", "(e) REST open loop latency p50 ms"},
        {"federation-open-rest", "lat_p99_ms", "(e) REST open loop latency p99 ms"},
        {"federation-open-rest", "lost", "(e) REST open loop messages lost"},
        {"federation-open-soap", "rate_delivered", "(e) federation SOAP, open loop: msgs/s delivered"},
        {"federation-open-soap", "lat_p50_ms", "(e) SOAP open loop latency p50 ms"},
        {"federation-open-soap", "lat_p99_ms", "(e) SOAP open loop latency p99 ms"},
        {"federation-open-soap", "lost", "(e) SOAP open loop messages lost"},
        {"presence", "watchers", "(f) presence fan-out: watchers"},
        {"presence", "watchers_subscribed", "(f) watchers subscribed"},
        {"presence", "last_ms_median", "(f) ms until the last watcher (median of rounds)"},
        {"presence", "last_ms_max", "(f) ms until the last watcher (worst round)"},
        {"presence", "lat_p50_ms", "(f) per-watcher latency p50 ms"},
        {"presence", "lat_p99_ms", "(f) per-watcher latency p99 ms"},
        {"presence", "missed", "(f) watcher-rounds missed"},
        {"presence", "servers_cpu_ms_per_round", "(f) CPU ms per round, all servers"},
    };

    /**
     * Scenarios only our server runs (several ISPs): their rows are left out when no server has a
     * result for them, and they have no ratio columns (the reference servers have no cells there).
     */
    static boolean oursOnly(String scenario) {
        return scenario.startsWith("federation") || scenario.equals("presence");
    }

    /** The scenario a result counts as: its name, and its variant (e.g. federation-rest) if it has one. */
    static String scenarioKey(Map<String, Object> m) {
        Object variant = m.get("variant");
        String scenario = String.valueOf(m.get("scenario"));
        return variant == null || variant.toString().isEmpty() ? scenario
                : scenario + "-" + variant.toString().toLowerCase(Locale.ROOT);
    }

    private Compare() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: Compare RESULTS.jsonl OURS [REF1 REF2 ...]");
            System.exit(2);
        }
        Map<String, Map<String, Object>> byServerScenario = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, Object> m = Result.parseFlat(line);
            // Of several runs of one scenario on one server, the least disturbed by other processes
            // (smallest other_cpu_s) counts; among equals, the latest.
            byServerScenario.merge(m.get("server") + "/" + scenarioKey(m), m,
                    (old, now) -> disturbance(now) <= disturbance(old) ? now : old);
        }
        String ours = args[1];
        List<String> refs = args.length > 2 ? List.of(args).subList(2, args.length)
                : byServerScenario.values().stream().map(m -> String.valueOf(m.get("server")))
                        .filter(s -> !s.equals(ours)).distinct().toList();
        List<String> header = new ArrayList<>(List.of("metric"));
        header.addAll(refs);
        header.add(ours);
        refs.forEach(r -> header.add(ours + "/" + r));
        List<List<String>> rows = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        java.util.Set<String> present = new java.util.HashSet<>();
        byServerScenario.keySet().forEach(k -> present.add(k.substring(k.lastIndexOf('/') + 1)));
        for (String[] row : ROWS) {
            if (oursOnly(row[0]) && !present.contains(row[0])) {
                continue;
            }
            List<String> cells = new ArrayList<>(List.of(row[2]));
            for (String server : refs) {
                cells.add(cell(byServerScenario.get(server + "/" + row[0]), row[1]));
            }
            Map<String, Object> o = byServerScenario.get(ours + "/" + row[0]);
            cells.add(o == null ? "skipped" : cell(o, row[1]));
            for (String server : refs) {
                cells.add(oursOnly(row[0]) ? "" : ratio(o, byServerScenario.get(server + "/" + row[0]), row[1]));
            }
            rows.add(cells);
        }
        for (Map.Entry<String, Map<String, Object>> e : byServerScenario.entrySet()) {
            if (e.getValue().get("error") != null) {
                errors.add(e.getKey() + ": " + e.getValue().get("error"));
            }
        }
        print(header, rows);
        errors.forEach(e -> System.out.println("error " + e));
    }

    private static double disturbance(Map<String, Object> m) {
        return m.get("error") != null ? Double.MAX_VALUE : m.get("other_cpu_s") instanceof Double d ? d : 0;
    }

    private static String cell(Map<String, Object> m, String key) {
        if (m == null) {
            return "";
        }
        if (m.get("error") != null) {
            return "error";
        }
        Object v = m.get(key);
        if (v instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e12 ? Long.toString(d.longValue()) : Result.format(d);
        }
        return v == null ? "-" : v.toString();
    }

    private static String ratio(Map<String, Object> ours, Map<String, Object> ref, String key) {
        if (ours == null || ref == null || !(ours.get(key) instanceof Double a) || !(ref.get(key) instanceof Double b)
                || b == 0) {
            return "";
        }
        return String.format(Locale.ROOT, "%.2f", a / b);
    }

    private static void print(List<String> header, List<List<String>> rows) {
        int[] w = new int[header.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = header.get(i).length();
            for (List<String> r : rows) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        StringBuilder sep = new StringBuilder("|");
        for (int x : w) {
            sep.append("-".repeat(x + 2)).append('|');
        }
        line(header, w);
        System.out.println(sep);
        rows.forEach(r -> line(r, w));
    }

    private static void line(List<String> cells, int[] w) {
        StringBuilder b = new StringBuilder("|");
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            b.append(' ').append(i == 0 ? pad(c, w[i]) : padLeft(c, w[i])).append(" |");
        }
        System.out.println(b);
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(w - s.length());
    }

    private static String padLeft(String s, int w) {
        return " ".repeat(w - s.length()) + s;
    }
}
