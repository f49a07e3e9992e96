package com.npskms.sandbox;

import java.util.function.Consumer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Prints the sandbox's start time and calls per second from one client (not a test; run with
 * {@code mvn -B -q test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test
 * -Dexec.args="-cp %classpath com.npskms.sandbox.SandboxBenchmark [calls]"}).
 */
public final class SandboxBenchmark {
    private SandboxBenchmark() {
    }

    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        // The first start pays for class loading; later starts are what tests and the GUI see.
        long t0 = System.nanoTime();
        Sandbox.start().close();
        long firstStart = System.nanoTime() - t0;
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            long s = System.nanoTime();
            Sandbox.start().close();
            best = Math.min(best, System.nanoTime() - s);
        }
        System.out.printf("sandbox start: first %.1f ms, warm %.2f ms%n", firstStart / 1e6, best / 1e6);

        try (Sandbox sandbox = Sandbox.start()) {
            StsClient sts = SandboxClients.sts(sandbox);
            IamClient iam = SandboxClients.iam(sandbox);
            KmsClient kms = SandboxClients.kms(sandbox);
            String key = kms.createKey(r -> r.description("bench")).keyMetadata().arn();
            SdkBytes plain = SdkBytes.fromUtf8String("0123456789abcdef0123456789abcdef");
            rate("STS GetCallerIdentity", calls, i -> sts.getCallerIdentity());
            rate("KMS Encrypt", calls, i -> kms.encrypt(r -> r.keyId(key).plaintext(plain)));
            rate("IAM GetUser", calls, i -> iam.getUser());
        }
    }

    private static void rate(String name, int calls, Consumer<Integer> call) {
        for (int i = 0; i < Math.min(500, calls); i++) {
            call.accept(i); // warm-up
        }
        long s = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            call.accept(i);
        }
        double secs = (System.nanoTime() - s) / 1e9;
        System.out.printf("%-24s %6.0f calls/s (%.2f ms per call, one client, %d calls)%n", name, calls / secs,
                secs * 1000 / calls, calls);
    }
}
