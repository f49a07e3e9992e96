package com.npskms.bench;

import com.npskms.sandbox.Sandbox;
import com.npskms.ui.Page;
import com.npskms.ui.Wizard;
import com.npskms.ui.WizardApp;
import com.npskms.ui.WizardOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The wizard's startup and memory against a minimal JavaFX window, measured in the same run: each sample is a
 * fresh JVM (same classpath, same JavaFX settings), alternating wizard and minimal window.
 * <ul>
 * <li>startup: OS process start → first page shown (first pulse after show) and interactive (the FX thread
 *     answers and Next is enabled);</li>
 * <li>peak memory: a whole Sandbox setup driven through the pages (Start → Result) against the minimal window
 *     shown for as long; peak heap used (all heap pools) and peak resident set (VmHWM);</li>
 * <li>lazy AWS: how many AWS SDK classes are loaded when the first page is interactive (class-load log).</li>
 * </ul>
 * Not a test: prints figures. Run:
 * <pre>mvn -B -q test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test
 *   -Dexec.args="-cp %classpath com.npskms.bench.WizardStartupBenchmark"</pre>
 * Without a display it uses the headless Monocle platform, as the UI tests do; pass {@code --display} to use
 * the real one.
 */
public final class WizardStartupBenchmark {
    private static final List<String> HEADLESS = List.of("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless",
            "-Dprism.order=sw", "-Dprism.text=t2k", "-Djava.awt.headless=true");

    private WizardStartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].startsWith("child-")) {
            Child.run(args[0].substring("child-".length()));
            return;
        }
        boolean display = List.of(args).contains("--display");
        int samples = 7;
        startup(display, samples, List.of(), "default JVM options");
        // The installed app starts with the launcher's JVM options (installer/launcher.args): measure that too.
        List<String> launcher = launcherJvmOptions();
        if (!launcher.isEmpty()) {
            startup(display, samples, launcher, "the packaged launcher's JVM options " + launcher);
        }

        Map<String, String> runMem = child("wizard-run", display, List.of());
        Map<String, String> minMem = child("minimal-hold", display, List.of("-Dhold.ms=" + runMem.get("elapsed")));
        System.out.printf("Peak memory, whole Sandbox setup through the pages (%s ms) vs the minimal window held as long:%n",
                runMem.get("elapsed"));
        System.out.printf("  heap used  : wizard %6.1f MB, minimal %6.1f MB, ratio %.2f×%n", mb(runMem.get("heap")),
                mb(minMem.get("heap")), mb(runMem.get("heap")) / mb(minMem.get("heap")));
        System.out.printf("  resident   : wizard %6.1f MB, minimal %6.1f MB, ratio %.2f×%n", mb(runMem.get("rss")),
                mb(minMem.get("rss")), mb(runMem.get("rss")) / mb(minMem.get("rss")));
        System.out.printf("  the run reached: %s%n", runMem.get("page"));

        Path log = Files.createTempFile("classload", ".log");
        Map<String, String> lazy = child("wizard", display, List.of("-Xlog:class+load=info:file=" + log + ":uptimemillis"));
        long at = Long.parseLong(lazy.get("uptimeInteractive"));
        System.out.printf("Lazy AWS: %d AWS SDK classes loaded when the Start page is interactive (no client is built).%n",
                countClassesBefore(log, at, "software.amazon.awssdk."));
        System.out.printf("Before the Start page is interactive: %d Sandbox, %d Jackson, %d FXML, %d ControlsFX classes "
                        + "loaded (all %d).%n", countClassesBefore(log, at, "com.npskms.sandbox."),
                countClassesBefore(log, at, "com.fasterxml.jackson."), countClassesBefore(log, at, "javafx.fxml."),
                countClassesBefore(log, at, "org.controlsfx."), countClassesBefore(log, at, ""));
        Files.deleteIfExists(log);
    }

    private static String range(List<long[]> samples) {
        long lo = Long.MAX_VALUE;
        long hi = 0;
        for (long[] s : samples) {
            lo = Math.min(lo, s[1]);
            hi = Math.max(hi, s[1]);
        }
        return lo + "–" + hi + " ms";
    }

    private static long[] medians(List<long[]> samples) {
        List<Long> a = new ArrayList<>();
        List<Long> b = new ArrayList<>();
        samples.forEach(s -> {
            a.add(s[0]);
            b.add(s[1]);
        });
        Collections.sort(a);
        Collections.sort(b);
        return new long[] {a.get(a.size() / 2), b.get(b.size() / 2)};
    }

    private static double mb(String bytes) {
        return Long.parseLong(bytes) / (1024.0 * 1024.0);
    }

    private static long countClassesBefore(Path log, long uptimeMs, String prefix) throws IOException {
        long n = 0;
        for (String line : Files.readAllLines(log)) {
            // [1234ms][info][class,load] software.amazon.awssdk... source: ...
            int end = line.indexOf("ms]");
            if (line.startsWith("[") && end > 1 && line.contains("] " + prefix)) {
                long at = Long.parseLong(line.substring(1, end).trim());
                if (at <= uptimeMs) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Startup of both windows in alternating fresh JVMs with the given options; prints medians and the ratio. */
    private static void startup(boolean display, int samples, List<String> jvm, String label) throws Exception {
        Map<String, List<long[]>> startup = new TreeMap<>();
        // Warm the OS file cache so the first sample does not pay for reading the jars from disk.
        child("minimal", display, jvm);
        child("wizard", display, jvm);
        for (int i = 0; i < samples; i++) {
            // Alternate which goes first, so neither always runs on the heels of the other.
            for (String what : i % 2 == 0 ? List.of("minimal", "wizard") : List.of("wizard", "minimal")) {
                Map<String, String> r = child(what, display, jvm);
                startup.computeIfAbsent(what, k -> new ArrayList<>()).add(
                        new long[] {Long.parseLong(r.get("shown")), Long.parseLong(r.get("interactive"))});
            }
        }
        System.out.printf("Startup, process start → first page (median of %d fresh JVMs each, %s; %s):%n", samples,
                display ? "real display" : "headless Monocle, software rendering", label);
        long[] min = medians(startup.get("minimal"));
        long[] wiz = medians(startup.get("wizard"));
        System.out.printf("  minimal JavaFX window : shown %5d ms, interactive %5d ms (range %s)%n", min[0], min[1],
                range(startup.get("minimal")));
        System.out.printf("  wizard Start page     : shown %5d ms, interactive %5d ms (range %s)%n", wiz[0], wiz[1],
                range(startup.get("wizard")));
        System.out.printf("  ratio wizard/minimal  : shown %.2f×, interactive %.2f×%n",
                (double) wiz[0] / min[0], (double) wiz[1] / min[1]);
    }

    /** The -XX/-X options of installer/launcher.args (module opens are irrelevant on the class path). */
    private static List<String> launcherJvmOptions() throws IOException {
        Path args = Path.of("installer", "launcher.args");
        if (!Files.exists(args)) {
            return List.of();
        }
        List<String> options = new ArrayList<>();
        for (String line : Files.readAllLines(args)) {
            String l = line.strip();
            if (l.startsWith("--java-options \"-X")) {
                options.add(l.substring("--java-options \"".length(), l.length() - 1));
            }
        }
        return options;
    }

    private static Map<String, String> child(String what, boolean display, List<String> extra) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(extra);
        if (!display) {
            cmd.addAll(HEADLESS);
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(WizardStartupBenchmark.class.getName());
        cmd.add("child-" + what);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Map<String, String> result = new TreeMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("BENCH ")) {
                    for (String kv : line.substring(6).split(" ")) {
                        String[] parts = kv.split("=", 2);
                        result.put(parts[0], parts[1]);
                    }
                }
            }
        }
        if (!p.waitFor(5, TimeUnit.MINUTES) || result.isEmpty()) {
            throw new IllegalStateException(what + " gave no figures (exit " + p.exitValue() + ")");
        }
        return result;
    }

    /** What runs inside one measured JVM. */
    public static final class Child extends Application {
        static volatile String mode;

        static void run(String m) {
            mode = m;
            Application.launch(Child.class);
        }

        @Override
        public void start(Stage stage) throws Exception {
            switch (mode) {
                case "minimal", "minimal-hold" -> minimal(stage);
                case "wizard" -> wizard(stage, false);
                case "wizard-run" -> wizard(stage, true);
                default -> throw new IllegalArgumentException(mode);
            }
        }

        private static long sinceProcessStart() {
            Instant start = ProcessHandle.current().info().startInstant().orElseThrow();
            return Duration.between(start, Instant.now()).toMillis();
        }

        private void minimal(Stage stage) {
            Button b = new Button("Next");
            stage.setScene(new Scene(new VBox(12, new Label("A minimal JavaFX window"), b), 800, 600));
            stage.show();
            whenShown(stage.getScene(), () -> b.isDisabled() == false, () -> {
                if (mode.equals("minimal-hold")) {
                    long hold = Long.getLong("hold.ms", 1000);
                    new Thread(() -> {
                        sleep(hold);
                        Platform.runLater(() -> {
                            System.out.println("BENCH " + memory());
                            Platform.exit();
                        });
                    }).start();
                } else {
                    Platform.exit();
                }
            });
        }

        private void wizard(Stage stage, boolean wholeRun) throws IOException {
            Path journal = Files.createTempDirectory("bench-journal");
            // A lambda, as in WizardOptions.defaults(): a method reference would link the Sandbox (and through it
            // AWS SDK and Jackson classes) before the window exists, which the application does not do.
            WizardOptions options = WizardOptions.defaults().withJournalDir(journal).withRememberPlacement(false)
                    .withCredentialsFound(false).withSandboxStarter(() -> Sandbox.start());
            Wizard wizard = WizardApp.open(stage, options);
            BooleanSupplier interactive = () -> !wizard.processingProperty().get()
                    && !stage.getScene().lookup("#nextButton").isDisabled();
            whenShown(stage.getScene(), interactive, () -> {
                if (!wholeRun) {
                    Platform.exit();
                    return;
                }
                long t0 = System.nanoTime();
                new Thread(() -> {
                    drive(wizard, interactive);
                    long elapsed = (System.nanoTime() - t0) / 1_000_000;
                    Platform.runLater(() -> {
                        System.out.println("BENCH " + memory() + " elapsed=" + elapsed + " page="
                                + wizard.pageProperty().get());
                        stage.hide();
                        Platform.exit();
                    });
                }).start();
            });
        }

        /**
         * Presses Next page after page, as a user accepting every default, until the Result page. Waits while work
         * runs and while Next is disabled (a page checking a name once typing pauses).
         */
        private static void drive(Wizard wizard, BooleanSupplier nextEnabled) {
            // A step may fail for a moment (the Sandbox, like AWS, lets a new user or key take a while to be
            // usable); a user presses Next (Retry) again, so the run goes on until Result or a minute has passed.
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < until) {
                waitReady(() -> wizard.pageProperty().get() == Page.RESULT || nextEnabled.getAsBoolean());
                Page[] page = new Page[1];
                onFx(() -> page[0] = wizard.pageProperty().get());
                if (page[0] == Page.RESULT) {
                    return;
                }
                onFx(wizard::next);
            }
        }

        private static void waitReady(BooleanSupplier ready) {
            for (int i = 0; i < 6000; i++) {
                boolean[] now = new boolean[1];
                onFx(() -> now[0] = ready.getAsBoolean());
                if (now[0]) {
                    return;
                }
                sleep(20);
            }
        }

        private static void onFx(Runnable r) {
            CountDownLatch done = new CountDownLatch(1);
            Platform.runLater(() -> {
                try {
                    r.run();
                } finally {
                    done.countDown();
                }
            });
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Runs {@code then} once the scene has been drawn and {@code ready} holds. */
        private static void whenShown(Scene scene, BooleanSupplier ready, Runnable then) {
            long[] shown = {-1};
            Runnable[] check = new Runnable[1];
            check[0] = () -> {
                if (shown[0] < 0) {
                    shown[0] = sinceProcessStart();
                }
                if (ready.getAsBoolean()) {
                    long interactive = sinceProcessStart();
                    System.out.println("BENCH shown=" + shown[0] + " interactive=" + interactive + " uptimeInteractive="
                            + ManagementFactory.getRuntimeMXBean().getUptime());
                    then.run();
                } else {
                    Platform.runLater(check[0]);
                }
            };
            Runnable once = new Runnable() {
                @Override
                public void run() {
                    scene.removePostLayoutPulseListener(this);
                    // The first pulse has laid out and drawn the window; answer from the next event.
                    Platform.runLater(check[0]);
                }
            };
            scene.addPostLayoutPulseListener(once);
        }

        private static String memory() {
            long heap = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                    heap += pool.getPeakUsage().getUsed();
                }
            }
            long rss = 0;
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("VmHWM:")) {
                        rss = Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                    }
                }
            } catch (IOException e) {
                rss = -1;
            }
            return "heap=" + heap + " rss=" + rss;
        }

        private static void sleep(long ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
