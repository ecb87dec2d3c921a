package io.eventline.server.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * A throw-away certificate authority and a server and a client certificate it signed, made with
 * openssl in a folder: {@code ca.pem}, {@code server.pem}/{@code server.key}, {@code client.pem}/{@code client.key}
 * (keys in PKCS#8, which Netty reads). Both certificates name 127.0.0.1 and localhost.
 */
public final class TestCertificates {
    private final Path folder;

    private TestCertificates(Path folder) {
        this.folder = requireNonNull(folder, "folder is null");
    }

    public static TestCertificates createIn(Path folder) throws IOException, InterruptedException {
        TestCertificates certificates = new TestCertificates(folder);
        certificates.openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=eventline-test-ca",
                "-keyout", "ca.key", "-out", "ca.pem");
        for (String name : List.of("server", "client")) {
            certificates.openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + name, "-keyout", name + ".rsa.key", "-out", name + ".csr");
            Files.writeString(folder.resolve(name + ".ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
            certificates.openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
                    "-extfile", name + ".ext", "-out", name + ".pem");
            certificates.openssl("pkcs8", "-topk8", "-nocrypt", "-in", name + ".rsa.key", "-out", name + ".key");
        }
        return certificates;
    }

    public Path authority() {
        return folder.resolve("ca.pem");
    }

    public Path serverCertificate() {
        return folder.resolve("server.pem");
    }

    public Path serverKey() {
        return folder.resolve("server.key");
    }

    public Path clientCertificate() {
        return folder.resolve("client.pem");
    }

    public Path clientKey() {
        return folder.resolve("client.key");
    }

    /** The server flags for TLS with these files; with {@code mutual}, client certificates signed by the CA are required. */
    public List<String> serverFlags(boolean mutual) {
        List<String> flags = new ArrayList<>(List.of("--security.tls.cert-chain=" + serverCertificate(), "--security.tls.private-key=" + serverKey()));
        if (mutual) {
            flags.add("--security.tls.client-ca=" + authority());
        }
        return flags;
    }

    private void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("openssl " + String.join(" ", args) + " failed: " + output);
        }
    }
}
