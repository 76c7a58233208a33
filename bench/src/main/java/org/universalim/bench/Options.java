package org.universalim.bench;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Command-line options of the driver: {@code --name value} or {@code --name=value}. */
final class Options {

    static final String USAGE = String.join("\n",
            "usage: run-driver.sh [options]",
            "  --url URL[,URL...]      XMPP WebSocket endpoint, loopback only (ws://127.0.0.1:5280/xmpp-websocket); several:",
            "                          the nodes of one server (user i connects to node i mod nodes), also for --peer-url",
            "  --domain D              XMPP domain of the users (bench.example)",
            "  --label NAME            server name written into the results (default: host:port of the url)",
            "  --scenario S[,S...]     closed | open | logins | connections | federation | federation-open | presence",
            "  --users N               users, paired i <-> i+N/2 (1000; must be even for message scenarios)",
            "  --user-offset K         first user index, to split users over several driver JVMs (0)",
            "  --prefix P              user names are P0, P1, ... (bench)",
            "  --password PW           password of every user (bench-secret)",
            "  --resource R            resource to bind (bench)",
            "  --messages M            messages per scenario, closed and open loop (50000)",
            "  --warmup-messages W     messages sent and discarded before measuring, closed/open (0)",
            "  --rate R                open loop: total messages per second over all users (3000)",
            "  --login-concurrency C   logins (and registrations) in flight at once (50)",
            "  --cap N                 connections scenario: most idle clients to open (15000)",
            "  --register MODE         always | never: in-band registration (XEP-0077) first (always)",
            "  --max-seconds S         cap on the measured part of each scenario (120)",
            "  --grace-seconds S       wait this long for messages still in flight before counting them lost (5)",
            "  --connect-timeout-seconds S  WebSocket connect + login timeout per client (30)",
            "  --server-pid PID        server process to sample (CPU from /proc/PID/stat, RSS, jcmd heap)",
            "  --server-pid-file F     same, read from a pid file (several, comma separated: the nodes' CPU and RSS summed)",
            "  --threads T|auto        HttpClient executor threads; 0 runs every callback on its selector thread",
            "                          (auto: 0 for closed/open/federation, cheapest per message; 2 for the others)",
            "  --scram-cache FILE      keep SCRAM salted passwords between runs in FILE (run-driver.sh: target/scram-cache.txt)",
            "  --json-out FILE         also append each result as one JSON line to FILE",
            "  --peer-url URL, --peer-domain D    a second server (ISP B): federation puts the partner half of the users",
            "                          (i >= N/2) there; presence puts every 2nd (or 3rd) watcher there",
            "  --peer2-url URL, --peer2-domain D  a third server (ISP C) for presence: watchers spread over A, B, C",
            "  --peer-pid PID | --peer-pid-file F, --peer2-pid PID | --peer2-pid-file F   sample those servers' CPU too",
            "  --variant V             free text written into the results (e.g. REST or SOAP: how the peers federate);",
            "                          the comparison table shows scenario-variant as its own scenario",
            "  --contacts K            presence: watchers of the one target user (default: --users)",
            "  --rounds R              presence: times the target logs off and on again, each one measured (5)",
            "  --target NAME           presence: the watched user, on the first server (<prefix>-target)",
            "  --approve-rate R        presence: subscription requests the watchers send, and approvals the target sends,",
            "                          per second (40 each; our server reads a client over ws.rate.per.second, 50 by",
            "                          default, more slowly, and fails concurrent first subscriptions to one foreign user)",
            "  --subscribe-seconds S   presence: how long to wait for every watcher's subscription (300)",
            "  --help");

    URI url = URI.create("ws://127.0.0.1:5280/xmpp-websocket");
    /** Every node of the first server (--url), the first being {@link #url}. */
    List<URI> urls = List.of(url);
    /** Every node of the peer (--peer-url). */
    List<URI> peerUrls;
    /** Further processes of the first server and of the peer (their other nodes), sampled with serverPid/peerPid. */
    long[] serverNodePids = {};
    long[] peerNodePids = {};
    String domain = "bench.example";
    String label;
    List<String> scenarios = List.of("closed");
    int users = 1000;
    int userOffset = 0;
    String prefix = "bench";
    String password = "bench-secret";
    String resource = "bench";
    long messages = 50_000;
    long warmupMessages = 0;
    double rate = 3000;
    int loginConcurrency = 50;
    int cap = 15_000;
    boolean register = true;
    double maxSeconds = 120;
    double graceSeconds = 5;
    double connectTimeoutSeconds = 30;
    long serverPid = -1;
    /** -1: 0 for the message scenarios, 2 for logins and connections. */
    int threads = -1;
    Path jsonOut;
    Path scramCache;
    URI peerUrl;
    String peerDomain;
    URI peer2Url;
    String peer2Domain;
    long peerPid = -1;
    long peer2Pid = -1;
    String variant;
    int contacts;
    int rounds = 5;
    String target;
    double approveRate = 40;
    double subscribeSeconds = 300;

    /** One XMPP server the driver logs users in to: its WebSocket URL (one per node) and its users' domain. */
    record Endpoint(List<URI> urls, String domain) {

        Endpoint(URI url, String domain) {
            this(List.of(url), domain);
        }

        URI url() {
            return urls.get(0);
        }

        /** The node user {@code index} connects to: users are spread over the nodes in turn. */
        URI url(int index) {
            return urls.get(Math.floorMod(index, urls.size()));
        }
    }

    static Options parse(String[] args) {
        Map<String, String> raw = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                raw.put("help", "true");
                continue;
            }
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + a);
            }
            int eq = a.indexOf('=');
            if (eq > 0) {
                raw.put(a.substring(2, eq), a.substring(eq + 1));
            } else if (i + 1 < args.length) {
                raw.put(a.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("missing value for " + a);
            }
        }
        Options o = new Options();
        if (raw.containsKey("help")) {
            return null;
        }
        for (Map.Entry<String, String> e : raw.entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "url" -> {
                    o.urls = uris(v);
                    o.url = o.urls.get(0);
                }
                case "domain" -> o.domain = v;
                case "label" -> o.label = v;
                case "scenario" -> o.scenarios = List.of(v.toLowerCase(Locale.ROOT).split(","));
                case "users" -> o.users = Integer.parseInt(v);
                case "user-offset" -> o.userOffset = Integer.parseInt(v);
                case "prefix" -> o.prefix = v;
                case "password" -> o.password = v;
                case "resource" -> o.resource = v;
                case "messages" -> o.messages = Long.parseLong(v);
                case "warmup-messages" -> o.warmupMessages = Long.parseLong(v);
                case "rate" -> o.rate = Double.parseDouble(v);
                case "login-concurrency", "concurrency" -> o.loginConcurrency = Integer.parseInt(v);
                case "cap" -> o.cap = Integer.parseInt(v);
                case "register" -> o.register = switch (v) {
                    case "always" -> true;
                    case "never" -> false;
                    default -> throw new IllegalArgumentException("--register always|never");
                };
                case "max-seconds", "duration" -> o.maxSeconds = Double.parseDouble(v);
                case "grace-seconds" -> o.graceSeconds = Double.parseDouble(v);
                case "connect-timeout-seconds" -> o.connectTimeoutSeconds = Double.parseDouble(v);
                case "server-pid" -> o.serverPid = Long.parseLong(v);
                case "server-pid-file" -> {
                    long[] pids = readPids(v);
                    o.serverPid = pids[0];
                    o.serverNodePids = java.util.Arrays.copyOfRange(pids, 1, pids.length);
                }
                case "threads" -> o.threads = v.equals("auto") ? -1 : Integer.parseInt(v);
                case "json-out" -> o.jsonOut = Path.of(v);
                case "scram-cache" -> o.scramCache = v.isEmpty() ? null : Path.of(v);
                case "peer-url" -> {
                    o.peerUrls = uris(v);
                    o.peerUrl = o.peerUrls.get(0);
                }
                case "peer-domain" -> o.peerDomain = v;
                case "peer2-url" -> o.peer2Url = URI.create(v);
                case "peer2-domain" -> o.peer2Domain = v;
                case "peer-pid" -> o.peerPid = Long.parseLong(v);
                case "peer-pid-file" -> {
                    long[] pids = readPids(v);
                    o.peerPid = pids[0];
                    o.peerNodePids = java.util.Arrays.copyOfRange(pids, 1, pids.length);
                }
                case "peer2-pid" -> o.peer2Pid = Long.parseLong(v);
                case "peer2-pid-file" -> o.peer2Pid = readPid(Path.of(v));
                case "variant" -> o.variant = v.isEmpty() ? null : v;
                case "contacts" -> o.contacts = Integer.parseInt(v);
                case "rounds" -> o.rounds = Integer.parseInt(v);
                case "target" -> o.target = v;
                case "approve-rate" -> o.approveRate = Double.parseDouble(v);
                case "subscribe-seconds" -> o.subscribeSeconds = Double.parseDouble(v);
                default -> throw new IllegalArgumentException("unknown option --" + e.getKey());
            }
        }
        o.validate();
        return o;
    }

    private void validate() {
        urls.forEach(Options::requireLoopback);
        if (peerUrls != null) {
            peerUrls.forEach(Options::requireLoopback);
        }
        if (peer2Url != null) {
            requireLoopback(peer2Url);
        }
        if ((peerUrl == null) != (peerDomain == null) || (peer2Url == null) != (peer2Domain == null)) {
            throw new IllegalArgumentException("--peer-url and --peer-domain (--peer2-url and --peer2-domain) go together");
        }
        if (peer2Url != null && peerUrl == null) {
            throw new IllegalArgumentException("--peer2-url needs --peer-url");
        }
        if (contacts < 0 || rounds < 1 || approveRate <= 0 || subscribeSeconds <= 0) {
            throw new IllegalArgumentException("--contacts >= 0, --rounds >= 1, --approve-rate and --subscribe-seconds > 0");
        }
        if (target == null) {
            target = prefix + "-target";
        }
        if (users < 1 || loginConcurrency < 1 || threads < -1 || cap < 1) {
            throw new IllegalArgumentException("--users, --login-concurrency and --cap must be positive, --threads >= 0");
        }
        if (rate <= 0 || maxSeconds <= 0 || messages < 0) {
            throw new IllegalArgumentException("--rate and --max-seconds must be positive, --messages not negative");
        }
        if (label == null) {
            label = url.getHost() + ":" + url.getPort();
        }
        List<String> known = new ArrayList<>(List.of("closed", "open", "logins", "connections", "federation",
                "federation-open", "presence"));
        for (String s : scenarios) {
            if (!known.contains(s)) {
                throw new IllegalArgumentException("unknown scenario " + s);
            }
            if (s.startsWith("federation") && peerUrl == null) {
                throw new IllegalArgumentException("scenario " + s + " needs --peer-url and --peer-domain (ISP B)");
            }
        }
    }

    /** The driver only ever talks to this machine: every address the host resolves to must be loopback. */
    static void requireLoopback(URI uri) {
        if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme())) {
            throw new IllegalArgumentException("not a WebSocket URL: " + uri);
        }
        String host = uri.getHost();
        if (host == null) {
            throw new IllegalArgumentException("no host in " + uri);
        }
        try {
            InetAddress[] all = InetAddress.getAllByName(host);
            for (InetAddress a : all) {
                if (!a.isLoopbackAddress()) {
                    throw new IllegalArgumentException("refusing non-loopback target " + host + " (" + a.getHostAddress() + ")");
                }
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve " + host, e);
        }
    }

    private static long readPid(Path file) {
        try {
            return Long.parseLong(Files.readString(file).trim());
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot read a pid from " + file + ": " + e.getMessage(), e);
        }
    }

    /** Executor threads for a scenario (see {@link #threads}). */
    int threadsFor(String scenario) {
        if (threads >= 0) {
            return threads;
        }
        return scenario.equals("closed") || scenario.equals("open") || scenario.startsWith("federation") ? 0 : 2;
    }

    String userName(int index) {
        return prefix + index;
    }

    /** The servers given: the first (--url), then --peer-url and --peer2-url if present. */
    List<Endpoint> endpoints() {
        List<Endpoint> l = new ArrayList<>();
        l.add(new Endpoint(urls, domain));
        if (peerUrl != null) {
            l.add(new Endpoint(peerUrls, peerDomain));
        }
        if (peer2Url != null) {
            l.add(new Endpoint(peer2Url, peer2Domain));
        }
        return l;
    }

    /** The process ids given for the servers of {@link #endpoints()}, -1 where none was given. */
    long[] serverPids() {
        return new long[] {serverPid, peerPid, peer2Pid};
    }

    /** As {@link #serverPids()}, each with the pids of its other nodes. */
    long[][] serverNodes() {
        return new long[][] {withNodes(serverPid, serverNodePids), withNodes(peerPid, peerNodePids), {peer2Pid}};
    }

    private static long[] withNodes(long first, long[] others) {
        long[] all = new long[others.length + 1];
        all[0] = first;
        System.arraycopy(others, 0, all, 1, others.length);
        return all;
    }

    private static List<URI> uris(String commaSeparated) {
        List<URI> l = new ArrayList<>();
        for (String u : commaSeparated.split(",")) {
            if (!u.isBlank()) {
                l.add(URI.create(u.strip()));
            }
        }
        if (l.isEmpty()) {
            throw new IllegalArgumentException("no URL in '" + commaSeparated + "'");
        }
        return List.copyOf(l);
    }

    private static long[] readPids(String commaSeparatedFiles) {
        return java.util.Arrays.stream(commaSeparatedFiles.split(",")).filter(f -> !f.isBlank())
                .mapToLong(f -> readPid(Path.of(f.strip()))).toArray();
    }

    /**
     * Federation: user i (absolute index) lives on the first server when it is in the first half of
     * [userOffset, userOffset+users), on the peer otherwise, so that i and its partner i+N/2 are on
     * different servers.
     */
    static int federationServer(int index, int userOffset, int users) {
        return index - userOffset < users / 2 ? 0 : 1;
    }

    /** Presence: watcher j is on server j mod S (S servers given), so the watchers spread evenly. */
    static int watcherServer(int watcher, int servers) {
        return Math.floorMod(watcher, servers);
    }

    /** Presence: the number of watchers (--contacts, or --users when that is 0). */
    int watchers() {
        return contacts > 0 ? contacts : users;
    }
}
