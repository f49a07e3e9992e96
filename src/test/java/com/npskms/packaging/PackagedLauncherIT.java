package com.npskms.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.npskms.sandbox.Sandbox;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app image as an admin gets it: its launcher answers on the command line without a display, serves a
 * sandbox, and signs in to it; the image holds one platform's JavaFX in its runtime and fits the size budget.
 * Runs in {@code mvn verify} after the app-image profile has built {@code target/installer/image}.
 */
class PackagedLauncherIT {
    private static final Path IMAGE = Path.of(System.getProperty("packaged.image", "target/installer/image/nps-kms-setup"));
    private static final Path LAUNCHER = Path.of(System.getProperty("packaged.launcher",
            "target/installer/image/nps-kms-setup/bin/nps-kms-setup"));
    private static final long BUDGET_BYTES = 120L * 1024 * 1024;

    @TempDir
    static Path home;

    private static Process sandbox;
    private static final Map<String, String> exports = new LinkedHashMap<>();

    /** One sandbox for the class, started through the packaged launcher; its export lines are kept. */
    @BeforeAll
    static void startSandbox() throws Exception {
        assertTrue(Files.isExecutable(LAUNCHER), "no packaged launcher at " + LAUNCHER + " (mvn package builds it)");
        sandbox = launcher("sandbox", "--port", "0").start();
        BufferedReader out = new BufferedReader(new InputStreamReader(sandbox.getInputStream(), StandardCharsets.UTF_8));
        // The four export lines come first; a guard, not a timing assertion: a hung start fails instead of hanging.
        CompletableFuture.runAsync(() -> {
            try {
                for (String line; exports.size() < 4 && (line = out.readLine()) != null; ) {
                    if (line.startsWith("export ") && line.contains("=")) {
                        String kv = line.substring("export ".length());
                        exports.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(120, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopSandbox() throws InterruptedException {
        if (sandbox != null) {
            sandbox.destroy();
            if (!sandbox.waitFor(30, TimeUnit.SECONDS)) {
                sandbox.destroyForcibly();
            }
        }
    }

    @Test
    void versionNamesTheRelease() throws Exception {
        Run r = run(launcher("--version"));
        assertEquals(0, r.exit, r.toString());
        assertEquals("nps-kms-setup " + System.getProperty("packaged.version", "1.0.0"), r.out.strip());
    }

    @Test
    void helpListsTheCommandsAnAdminScripts() throws Exception {
        Run r = run(launcher("--help"));
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.startsWith("Usage: nps-kms-setup"), r.out);
        for (String command : List.of("whoami", "sandbox", "preflight")) {
            assertTrue(r.out.contains("\n  " + command + " "), "--help lists " + command + ":\n" + r.out);
        }
    }

    @Test
    void sandboxPrintsShellExportsForItsEndpointAndAdministrator() {
        assertEquals(List.of("AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION"),
                List.copyOf(exports.keySet()));
        assertTrue(exports.get("AWS_ENDPOINT_URL").matches("http://127\\.0\\.0\\.1:\\d+"), exports.toString());
        assertTrue(sandbox.isAlive(), "the sandbox keeps serving after printing its exports");
    }

    @Test
    void whoamiAgainstTheSandboxAnswersWithTheSandboxAccount() throws Exception {
        ProcessBuilder whoami = launcher("whoami", "--output", "json");
        whoami.environment().putAll(exports);
        Run r = run(whoami);
        assertEquals(0, r.exit, r.toString());
        JsonNode me = new ObjectMapper().readTree(r.out);
        String account = Sandbox.Options.defaults().accountId();
        assertEquals(account, me.path("account").asText(), r.out);
        assertEquals("arn:aws:iam::" + account + ":user/sandbox-admin", me.path("arn").asText(), r.out);
        assertEquals(exports.get("AWS_REGION"), me.path("region").asText(), r.out);
        assertEquals(exports.get("AWS_ENDPOINT_URL"), me.path("endpoint").asText(), r.out);
    }

    @Test
    void aWrongSecretKeyIsExplainedInPlainWordsNotAStackTrace() throws Exception {
        ProcessBuilder whoami = launcher("whoami");
        whoami.environment().putAll(exports);
        whoami.environment().put("AWS_SECRET_ACCESS_KEY", "wrong" + exports.get("AWS_SECRET_ACCESS_KEY").substring(5));
        Run r = run(whoami);
        assertNotEquals(0, r.exit, r.toString());
        assertFalse(r.err.isBlank(), "says what went wrong: " + r);
        assertNoStackTrace(r);
        assertFalse(r.out.contains(exports.get("AWS_SECRET_ACCESS_KEY")) || r.err.contains(exports.get("AWS_SECRET_ACCESS_KEY")),
                "never echoes the secret: " + r);
    }

    @Test
    void runtimeHoldsTheJavaFxModulesAndTheAppFolderNoJavaFxOrUnusedHttpClients() throws IOException {
        Path runtime = Stream.of(IMAGE.resolve("lib/runtime"), IMAGE.resolve("runtime"), IMAGE.resolve("Contents/runtime/Contents/Home"))
                .filter(Files::isDirectory).findFirst().orElseThrow();
        Properties release = new Properties();
        try (var in = Files.newInputStream(runtime.resolve("release"))) {
            release.load(in);
        }
        List<String> modules = List.of(release.getProperty("MODULES").replace("\"", "").split(" "));
        assertTrue(modules.containsAll(List.of("javafx.base", "javafx.graphics", "javafx.controls", "javafx.fxml",
                "jdk.crypto.ec", "jdk.httpserver")), modules.toString());

        // JavaFX's native libraries sit in the runtime, so nothing is unpacked into the user's home at first start.
        assertTrue(Stream.of("lib/libglass.so", "lib/libglass.dylib", "bin/glass.dll")
                .anyMatch(lib -> Files.isRegularFile(runtime.resolve(lib))), "glass library in " + runtime);

        Path app = Stream.of(IMAGE.resolve("lib/app"), IMAGE.resolve("app"), IMAGE.resolve("Contents/app"))
                .filter(Files::isDirectory).findFirst().orElseThrow();
        List<String> jars;
        try (Stream<Path> files = Files.list(app)) {
            jars = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).sorted().toList();
        }
        assertTrue(jars.stream().anyMatch(n -> n.startsWith("nps-kms-setup-")), jars.toString());
        assertTrue(jars.stream().noneMatch(n -> n.startsWith("javafx-")), "JavaFX belongs in the runtime: " + jars);
        assertTrue(jars.stream().noneMatch(n -> n.startsWith("netty-") || n.startsWith("apache") || n.startsWith("httpc")),
                "the app uses the JDK's HTTP client: " + jars);
    }

    @Test
    void appImageStaysWithinTheSizeBudget() throws IOException {
        long bytes;
        try (Stream<Path> all = Files.walk(IMAGE)) {
            bytes = all.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        System.out.printf("app image: %.1f MB (budget %d MB)%n", bytes / 1048576.0, BUDGET_BYTES / 1048576);
        assertTrue(bytes < BUDGET_BYTES, "app image is " + bytes / 1048576 + " MB");
    }

    /** The packaged launcher with a clean environment: no AWS settings or home of the developer's. */
    private static ProcessBuilder launcher(String... args) {
        List<String> command = new ArrayList<>();
        command.add(LAUNCHER.toAbsolutePath().toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.equals("DISPLAY") || k.equals("WAYLAND_DISPLAY")
                || k.startsWith("JAVA_TOOL_OPTIONS") || k.equals("_JAVA_OPTIONS") || k.equals("JDK_JAVA_OPTIONS"));
        pb.environment().put("HOME", home.toString());
        pb.environment().put("USERPROFILE", home.toString());
        pb.environment().put("AWS_CONFIG_FILE", home.resolve("no-config").toString());
        pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-credentials").toString());
        pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        return pb;
    }

    private static Run run(ProcessBuilder pb) throws Exception {
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        if (!p.waitFor(120, TimeUnit.SECONDS)) { // a hang guard, not a timing assertion
            p.destroyForcibly();
            throw new AssertionError("no answer from " + pb.command());
        }
        return new Run(p.exitValue(), out.get(), err.get());
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertNoStackTrace(Run r) {
        assertFalse(r.err.contains("\tat ") || r.out.contains("\tat ") || r.err.contains("Exception in thread"),
                "no stack trace reaches the user: " + r);
    }

    private record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
