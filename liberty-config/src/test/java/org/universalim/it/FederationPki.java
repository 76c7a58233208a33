package org.universalim.it;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private federation PKI for the tests, made with the JDK's keytool once per test JVM: a federation CA,
 * one EC P-256 certificate per ISP (DNS name = the ISP domain, server and client use), a certificate of our
 * CA for a domain that is no configured peer, and one from a CA nobody trusts.
 */
public final class FederationPki {

    public static final String PASSWORD = "federation-test-secret";
    private static final Path DIR = Path.of(System.getProperty("pki.dir", "target/federation-pki"));
    private static boolean made;

    private FederationPki() {
    }

    /** The key store of a domain's certificate (made on first use). */
    public static synchronized Path keystore(String domain) {
        make();
        Path store = DIR.resolve(domain + ".p12");
        if (!Files.exists(store)) {
            try {
                issued(domain, "ca");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return store;
    }

    /** The test CA's certificate (PEM), for servers that are not Java (Prosody). */
    public static synchronized Path caPem() {
        make();
        return DIR.resolve("ca.pem");
    }

    /** The certificate (PEM) of the CA nobody trusts, for a remote server that must not trust the ISPs (ejabberd). */
    public static synchronized Path rogueCaPem() {
        make();
        return DIR.resolve("rogue-ca.pem");
    }

    /**
     * The certificate (with the CA's after it) and the private key (PKCS#8) of a domain as PEM files beside its key store,
     * for servers that are not Java (Prosody); made on first use.
     */
    public static synchronized Path[] pem(String domain) {
        Path store = keystore(domain);
        Path cert = DIR.resolve(domain + ".crt.pem");
        Path key = DIR.resolve(domain + ".key.pem");
        try {
            KeyStore ks = load(store);
            String alias = ks.aliases().nextElement();
            while (!ks.isKeyEntry(alias)) {
                alias = ks.aliases().nextElement();
            }
            java.util.Base64.Encoder b64 = java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            StringBuilder chain = new StringBuilder();
            for (java.security.cert.Certificate c : ks.getCertificateChain(alias)) {
                chain.append("-----BEGIN CERTIFICATE-----\n").append(b64.encodeToString(c.getEncoded())).append("\n-----END CERTIFICATE-----\n");
            }
            Files.writeString(cert, chain);
            java.security.Key k = ks.getKey(alias, PASSWORD.toCharArray());
            Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n" + b64.encodeToString(k.getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new Path[] {cert, key};
    }

    /** The trust store holding the federation CA. */
    public static synchronized Path truststore() {
        make();
        return DIR.resolve("trust.p12");
    }

    /** A TLS context presenting the certificate of {@code domain} and trusting the federation CA. */
    public static SSLContext context(String domain) {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(load(keystore(domain)), PASSWORD.toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(load(truststore()));
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ssl;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A TLS context with no client certificate, trusting the federation CA. */
    public static SSLContext anonymousContext() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(load(truststore()));
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return ssl;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyStore load(Path path) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private static void make() {
        if (made) {
            return;
        }
        try {
            Files.createDirectories(DIR);
            if (!Files.exists(DIR.resolve("done"))) {
                Files.list(DIR).forEach(p -> p.toFile().delete());
                ca("ca", "Universal IM test federation CA");
                ca("rogue-ca", "Nobody's CA");
                keytool("-exportcert", "-alias", "ca", "-keystore", p("ca.p12"), "-storepass", PASSWORD, "-rfc", "-file", p("ca.pem"));
                keytool("-importcert", "-alias", "federation-ca", "-file", p("ca.pem"), "-keystore", p("trust.p12"),
                        "-storetype", "PKCS12", "-storepass", PASSWORD, "-noprompt");
                for (String domain : List.of("isp-a.example", "isp-b.example", "isp-c.example", "isp-x.example")) {
                    issued(domain, "ca");
                }
                issued("rogue.example", "rogue-ca");
                Files.writeString(DIR.resolve("done"), "");
            }
            made = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void ca(String alias, String name) throws IOException {
        keytool("-genkeypair", "-alias", alias.equals("ca") ? "ca" : "ca", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + name, "-ext", "bc:c", "-validity", "3650", "-keystore", p(alias + ".p12"),
                "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool("-exportcert", "-alias", "ca", "-keystore", p(alias + ".p12"), "-storepass", PASSWORD, "-rfc",
                "-file", p(alias + ".pem"));
    }

    /**
     * A new key and certificate for {@code domain} (same CA, same name), put in place of its key store in one
     * move, as an administrator rotating a certificate would; answers the new certificate's key store.
     */
    public static synchronized Path reissue(String domain) {
        make();
        String name = domain + "-" + System.nanoTime();
        try {
            issued(domain, "ca", name);
            Files.copy(DIR.resolve(name + ".p12"), DIR.resolve(domain + ".p12.new"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.move(DIR.resolve(domain + ".p12.new"), DIR.resolve(domain + ".p12"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return DIR.resolve(name + ".p12");
    }

    /**
     * A new key store with the TLS certificate of an ISP's servers (Liberty's default key store: HTTPS and XMPP over TCP),
     * issued by the test CA for the ISP's domain and its universal domain (the XMPP domain), protected by
     * {@code password} (the server's {@code keystore_password}). Each call makes a new key.
     */
    public static synchronized Path serverKeystore(String domain, String universalDomain, String password) {
        make();
        String name = "server-" + domain + "-" + System.nanoTime();
        String store = p(name + ".p12");
        try {
            keytool("-genkeypair", "-alias", "default", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + universalDomain,
                    "-validity", "825", "-keystore", store, "-storetype", "PKCS12", "-storepass", password);
            keytool("-certreq", "-alias", "default", "-keystore", store, "-storepass", password, "-file", p(name + ".csr"));
            keytool("-gencert", "-alias", "ca", "-keystore", p("ca.p12"), "-storepass", PASSWORD, "-infile", p(name + ".csr"),
                    "-outfile", p(name + ".pem"), "-rfc", "-validity", "825", "-ext", "san=dns:" + universalDomain + ",dns:" + domain,
                    // clientAuth too: the same certificate authenticates our server-to-server XMPP connections
                    "-ext", "eku=serverAuth,clientAuth");
            keytool("-importcert", "-alias", "ca", "-file", p("ca.pem"), "-keystore", store, "-storepass", password, "-noprompt");
            keytool("-importcert", "-alias", "default", "-file", p(name + ".pem"), "-keystore", store, "-storepass", password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return DIR.resolve(name + ".p12");
    }

    private static void issued(String domain, String ca) throws IOException {
        issued(domain, ca, domain);
    }

    private static void issued(String domain, String ca, String name) throws IOException {
        String store = p(name + ".p12");
        keytool("-genkeypair", "-alias", "isp", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + domain,
                "-validity", "825", "-keystore", store, "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool("-certreq", "-alias", "isp", "-keystore", store, "-storepass", PASSWORD, "-file", p(name + ".csr"));
        keytool("-gencert", "-alias", "ca", "-keystore", p(ca + ".p12"), "-storepass", PASSWORD, "-infile", p(name + ".csr"),
                "-outfile", p(name + ".pem"), "-rfc", "-validity", "825", "-ext", "san=dns:" + domain,
                "-ext", "eku=serverAuth,clientAuth");
        keytool("-importcert", "-alias", "ca", "-file", p(ca + ".pem"), "-keystore", store, "-storepass", PASSWORD, "-noprompt");
        keytool("-importcert", "-alias", "isp", "-file", p(name + ".pem"), "-keystore", store, "-storepass", PASSWORD);
    }

    private static String p(String file) {
        return DIR.resolve(file).toAbsolutePath().toString();
    }

    private static void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
