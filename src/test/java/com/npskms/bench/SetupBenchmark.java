package com.npskms.bench;

import com.npskms.aws.AwsSession;
import com.npskms.aws.ConnectionSettings;
import com.npskms.cli.CannedSts;
import com.npskms.policy.DecryptPolicy;
import com.npskms.policy.KeyPolicyDocument;
import com.npskms.sandbox.Sandbox;
import com.npskms.setup.Journal;
import com.npskms.setup.Progress;
import com.npskms.setup.SecretText;
import com.npskms.setup.SetupRun;
import com.npskms.setup.SetupState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Speed of the whole setup against an in-process sandbox (latency 20 ms per call, about a real AWS round trip,
 * and 0 ms), compared with the bare minimum: the procedure's own calls made directly with the SDK one after
 * another in the same JVM. Also the command line's cold start (process start to its first AWS call) and a
 * whole {@code setup} as one process. Prints figures; asserts nothing.
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) com.npskms.bench.SetupBenchmark
 * </pre>
 */
public final class SetupBenchmark {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final int WARMUP = 2;
    private static final int RUNS = 5;

    /** Counts SDK operations by name. */
    static final class CallCounter implements ExecutionInterceptor {
        final Map<String, Integer> calls = Collections.synchronizedMap(new TreeMap<>());

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attrs) {
            String op = attrs.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + ":"
                    + attrs.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            calls.merge(op, 1, Integer::sum);
        }

        final AtomicInteger attempts = new AtomicInteger();

        final java.util.concurrent.atomic.AtomicLong wireNanos = new java.util.concurrent.atomic.AtomicLong();
        private final ThreadLocal<Long> sent = new ThreadLocal<>();

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attrs) {
            attempts.incrementAndGet();
            sent.set(System.nanoTime());
        }

        @Override
        public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attrs) {
            Long t = sent.get();
            if (t != null) {
                wireNanos.addAndGet(System.nanoTime() - t);
            }
        }

        int total() {
            synchronized (calls) {
                return calls.values().stream().mapToInt(Integer::intValue).sum();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        // Without TCP_NODELAY a JDK HttpServer answers in two segments and Linux's delayed ACK adds ~40 ms per
        // call. The sandbox sets this itself; the canned STS endpoint of the cold-start figure needs it too.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        System.out.println("NPS KMS Setup benchmark — Java " + System.getProperty("java.version") + ", "
                + Runtime.getRuntime().availableProcessors() + " CPUs");
        for (int latency : new int[] {20, 0}) {
            inProcess(latency);
        }
        coldStart("default JVM options", List.of());
        coldStart("the launcher's options (-XX:+UseSerialGC -Xmx512m)", LAUNCHER);
        coldStart("the launcher's options + -XX:TieredStopAtLevel=1", concat(LAUNCHER, "-XX:TieredStopAtLevel=1"));
        for (int latency : new int[] {20, 0}) {
            setupAsOneProcess(latency);
        }
    }

    // ---------------------------------------------------------------- in the same JVM

    static void inProcess(int latencyMs) throws IOException {
        try (Sandbox sandbox = Sandbox.start(Sandbox.Options.defaults().withLatency(Duration.ofMillis(latencyMs)))) {
            Path journals = Files.createTempDirectory("nps-bench");
            CallCounter engineCalls = new CallCounter();
            CallCounter minimumCalls = new CallCounter();
            for (int i = 0; i < WARMUP; i++) {
                engine(sandbox, journals, new CallCounter(), true);
                minimum(sandbox, new CallCounter());
            }
            List<Long> e = new ArrayList<>();
            List<Long> m = new ArrayList<>();
            List<Long> noDisk = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                // alternate, so drift (GC, the other processes on the machine) hits all alike
                e.add(engine(sandbox, journals, i == 0 ? engineCalls : new CallCounter(), true));
                m.add(minimum(sandbox, i == 0 ? minimumCalls : new CallCounter()));
                noDisk.add(engine(sandbox, journals, new CallCounter(), false));
            }
            long em = median(e);
            long mm = median(m);
            System.out.printf("%nWhole setup in one JVM, sandbox latency %d ms per call (median of %d):%n", latencyMs, RUNS);
            System.out.printf("  engine (SetupRun, journal with fsync): %6.1f ms  %2d calls, %2d requests, %5.1f ms on the wire"
                    + "  runs %s%n", em / 1e6, engineCalls.total(), engineCalls.attempts.get(),
                    engineCalls.wireNanos.get() / 1e6, ms(e));
            System.out.printf("  bare minimum (SDK calls in a row):     %6.1f ms  %2d calls, %2d requests, %5.1f ms on the wire"
                    + "  runs %s%n", mm / 1e6, minimumCalls.total(), minimumCalls.attempts.get(),
                    minimumCalls.wireNanos.get() / 1e6, ms(m));
            System.out.printf("  ratio engine / minimum: %.2f%n", (double) em / mm);
            System.out.printf("  (for the breakdown only: the engine with its journal writes skipped: %.1f ms, ratio %.2f)%n",
                    median(noDisk) / 1e6, (double) median(noDisk) / mm);
            Map<String, Integer> extra = new TreeMap<>(engineCalls.calls);
            minimumCalls.calls.forEach((k, v) -> extra.merge(k, -v, Integer::sum));
            extra.values().removeIf(v -> v == 0);
            System.out.println("  calls the engine makes beyond the minimum: " + extra);
        }
    }

    static long engine(Sandbox sandbox, Path journals, CallCounter counter, boolean durable) throws IOException {
        int n = SEQ.incrementAndGet();
        SetupState s = new SetupState();
        s.userName = "nps-bench-" + n;
        s.policyName = "NPS_bench_" + n;
        s.alias = "nps-bench-" + n;
        Path dir = Files.createTempDirectory(journals, "run");
        long t0 = System.nanoTime();
        try (AwsSession session = AwsSession.open(ConnectionSettings.sandbox(sandbox.endpoint(),
                sandbox.adminAccessKeyId(), SecretText.of(sandbox.adminSecretAccessKey()), sandbox.region()))
                .withInterceptor(counter)) {
            Journal journal = durable ? new Journal(dir) : new Journal(dir) {
                @Override
                protected void write(byte[] bytes) {
                    // measures what durability costs; the product always writes
                }
            };
            SetupRun run = SetupRun.start(session, s, journal);
            run.runRemaining(Progress.NONE);
            if (!run.isFinished()) {
                throw new IllegalStateException("the run did not finish");
            }
        }
        return System.nanoTime() - t0;
    }

    /** The procedure's calls, nothing else: who am I, policy, user, attach, key, tag, KMS key, alias, rotation,
     *  least-privilege version, encrypt and decrypt as the new user, the simulation. */
    static long minimum(Sandbox sandbox, CallCounter counter) {
        int n = SEQ.incrementAndGet();
        String user = "nps-min-" + n;
        long t0 = System.nanoTime();
        ClientOverrideConfiguration o = ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD)
                .addExecutionInterceptor(counter).build();
        try (SdkHttpClient http = UrlConnectionHttpClient.create();
             StsClient sts = StsClient.builder().httpClient(http).endpointOverride(sandbox.endpoint())
                     .region(Region.of(sandbox.region())).credentialsProvider(sandbox.adminCredentialsProvider())
                     .overrideConfiguration(o).build();
             IamClient iam = IamClient.builder().httpClient(http).endpointOverride(sandbox.endpoint())
                     .region(Region.AWS_GLOBAL).credentialsProvider(sandbox.adminCredentialsProvider())
                     .overrideConfiguration(o).build();
             KmsClient kms = KmsClient.builder().httpClient(http).endpointOverride(sandbox.endpoint())
                     .region(Region.of(sandbox.region())).credentialsProvider(sandbox.adminCredentialsProvider())
                     .overrideConfiguration(o).build()) {
            var me = sts.getCallerIdentity();
            String account = me.account();
            String policyArn = iam.createPolicy(b -> b.policyName("NPS_min_" + n)
                    .policyDocument(DecryptPolicy.anyKeyInAccount(account).toJson())).policy().arn();
            String userArn = iam.createUser(b -> b.userName(user)).user().arn();
            iam.attachUserPolicy(b -> b.userName(user).policyArn(policyArn));
            AccessKey key = iam.createAccessKey(b -> b.userName(user)).accessKey();
            iam.tagUser(b -> b.userName(user).tags(t -> t.key(key.accessKeyId()).value("Netwrix Privilege Secure")));
            String keyPolicy = new KeyPolicyDocument(account, List.of(me.arn()), List.of(userArn), true).toJson();
            var meta = kms.createKey(b -> b.keySpec("SYMMETRIC_DEFAULT").keyUsage("ENCRYPT_DECRYPT")
                    .description("Netwrix Privilege Secure protection key").policy(keyPolicy)).keyMetadata();
            kms.createAlias(b -> b.aliasName("alias/nps-min-" + n).targetKeyId(meta.keyId()));
            kms.enableKeyRotation(b -> b.keyId(meta.keyId()));
            iam.createPolicyVersion(b -> b.policyArn(policyArn).setAsDefault(true)
                    .policyDocument(DecryptPolicy.oneKey(meta.arn()).toJson()));
            try (KmsClient asUser = KmsClient.builder().httpClient(http).endpointOverride(sandbox.endpoint())
                    .region(Region.of(sandbox.region())).overrideConfiguration(o)
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()))).build()) {
                SdkBytes c = asUser.encrypt(b -> b.keyId(meta.arn()).plaintext(SdkBytes.fromUtf8String("test")))
                        .ciphertextBlob();
                asUser.decrypt(b -> b.keyId(meta.arn()).ciphertextBlob(c));
            }
            iam.simulatePrincipalPolicy(b -> b.policySourceArn(userArn).actionNames("kms:Decrypt")
                    .resourceArns(meta.arn(), "arn:aws:kms:us-east-1:" + account + ":key/other"));
        }
        return System.nanoTime() - t0;
    }

    // ---------------------------------------------------------------- as separate processes

    /** The JVM options of the packaged launcher (installer/launcher.args). */
    static final List<String> LAUNCHER = List.of("-XX:+UseSerialGC", "-Xmx512m");

    static List<String> concat(List<String> a, String... b) {
        List<String> l = new ArrayList<>(a);
        l.addAll(List.of(b));
        return l;
    }

    static void coldStart(String label, List<String> jvmOptions) throws Exception {
        try (CannedSts sts = new CannedSts()) {
            List<Long> toFirst = new ArrayList<>();
            List<Long> whole = new ArrayList<>();
            for (int i = 0; i < WARMUP + RUNS; i++) {
                sts.reset();
                ProcessBuilder pb = cli(jvmOptions, "whoami", "--endpoint-url", sts.endpoint().toString(),
                        "--region", "us-east-1");
                pb.environment().put("AWS_ACCESS_KEY_ID", "AKIAEXAMPLECOLDSTART");
                pb.environment().put("AWS_SECRET_ACCESS_KEY", "coldStartSecret000000000000000000000000000");
                long t0 = System.currentTimeMillis();
                int code = run(pb);
                long t1 = System.currentTimeMillis();
                if (code != 0 || sts.firstRequestMillis() == 0) {
                    throw new IllegalStateException("whoami failed: exit " + code);
                }
                if (i >= WARMUP) {
                    toFirst.add((sts.firstRequestMillis() - t0) * 1_000_000);
                    whole.add((t1 - t0) * 1_000_000);
                }
            }
            System.out.printf("%nCommand line cold start (new JVM, `whoami`, %s, median of %d):%n", label, RUNS);
            System.out.printf("  process start → first AWS call: %6.0f ms  runs %s%n", median(toFirst) / 1e6, ms(toFirst));
            System.out.printf("  process start → exit:           %6.0f ms  runs %s%n", median(whole) / 1e6, ms(whole));
        }
    }

    static void setupAsOneProcess(int latencyMs) throws Exception {
        try (Sandbox sandbox = Sandbox.start(Sandbox.Options.defaults().withLatency(Duration.ofMillis(latencyMs)))) {
            Path journals = Files.createTempDirectory("nps-bench-cli");
            List<Long> times = new ArrayList<>();
            List<Long> minimum = new ArrayList<>();
            for (int i = 0; i < WARMUP + RUNS; i++) {
                int n = SEQ.incrementAndGet();
                ProcessBuilder pb = cli(LAUNCHER, "setup", "--yes", "--output", "json", "--endpoint-url",
                        sandbox.endpoint().toString(), "--region", sandbox.region(), "--journal-dir",
                        journals.resolve("r" + n).toString(), "--user-name", "nps-cli-" + n, "--policy-name",
                        "NPS_cli_" + n, "--alias", "nps-cli-" + n);
                pb.environment().put("AWS_ACCESS_KEY_ID", sandbox.adminAccessKeyId());
                pb.environment().put("AWS_SECRET_ACCESS_KEY", sandbox.adminSecretAccessKey());
                long t0 = System.nanoTime();
                int code = run(pb);
                long t = System.nanoTime() - t0;
                if (code != 0) {
                    throw new IllegalStateException("setup failed: exit " + code);
                }
                if (i >= WARMUP) {
                    times.add(t);
                    minimum.add(minimum(sandbox, new CallCounter()));
                }
            }
            System.out.printf("%n`setup` as one process (the launcher's options), sandbox latency %d ms (median of %d):%n",
                    latencyMs, RUNS);
            System.out.printf("  process start → exit: %6.0f ms  runs %s%n", median(times) / 1e6, ms(times));
            System.out.printf("  vs bare minimum in a warm JVM (%.0f ms): ratio %.2f%n", median(minimum) / 1e6,
                    (double) median(times) / median(minimum));
        }
    }

    static ProcessBuilder cli(List<String> jvmOptions, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("com.npskms.app.Main");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("AWS_PROFILE");
        pb.environment().remove("AWS_ENDPOINT_URL");
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        return pb;
    }

    static int run(ProcessBuilder pb) throws Exception {
        Process p = pb.start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + String.join(" ", pb.command()));
        }
        return p.exitValue();
    }

    static long median(List<Long> values) {
        List<Long> s = new ArrayList<>(values);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    static String ms(List<Long> values) {
        StringBuilder sb = new StringBuilder("[");
        for (long v : values) {
            sb.append(sb.length() > 1 ? " " : "").append(Math.round(v / 1e6));
        }
        return sb.append("]").toString();
    }
}
