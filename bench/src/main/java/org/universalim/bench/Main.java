package org.universalim.bench;

import java.io.IOException;

/** Entry point of the load driver: parses options, runs the scenarios one after the other, prints results. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        if (o == null) {
            System.out.println(Options.USAGE);
            return;
        }
        int failed = 0;
        try {
            Scram.loadCache(o.scramCache);
            for (String s : o.scenarios) {
                System.err.printf("[bench] %s: scenario %s, %d users, url %s%s%n", o.label, s,
                        s.equals("connections") ? o.cap : s.equals("presence") ? o.watchers() : o.users, o.url,
                        s.startsWith("federation") || s.equals("presence") ? ", peers " + o.endpoints().subList(1, o.endpoints().size()) : "");
                Result r;
                try (Driver driver = new Driver(o, o.threadsFor(s))) {
                    r = new Scenarios(driver).run(s);
                }
                r.printTable(System.out);
                System.out.println(r.toJson());
                System.out.flush();
                if (o.jsonOut != null) {
                    r.appendTo(o.jsonOut);
                }
                if (r.get("error") != null) {
                    failed++;
                }
                Scram.saveCache(o.scramCache);
            }
        } catch (IOException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
        System.exit(failed == 0 ? 0 : 1);
    }
}
