package com.npskms.setup;

import com.npskms.aws.AwsSession;
import com.npskms.aws.ConnectionSettings;
import com.npskms.policy.DecryptPolicy;
import com.npskms.policy.KeyPolicyDocument;
import com.npskms.sandbox.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Prints how long the whole setup takes through {@link SetupRun} (journal, inspections, verification) against an
 * in-process sandbox, next to the bare minimum: the same AWS calls made directly with the SDK one after another,
 * in the same JVM. Run: {@code mvn -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=com.npskms.setup.SetupBenchmark}. Figures, not assertions.
 */
public final class SetupBenchmark {
    private static int counter;

    private SetupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        for (long latency : new long[] {20, 0}) {
            try (Sandbox sandbox = Sandbox.start(Sandbox.Options.defaults())) {
                AwsSession session = AwsSession.open(new ConnectionSettings(ConnectionSettings.Mode.SANDBOX, null,
                        sandbox.adminAccessKeyId(), SecretText.of(sandbox.adminSecretAccessKey()), null,
                        sandbox.region(), sandbox.endpoint()));
                Path dir = Files.createTempDirectory("nps-bench");
                // Warm up both paths (class loading, JIT) before measuring.
                for (int i = 0; i < 3; i++) {
                    engine(session, dir);
                    bare(sandbox, session);
                }
                sandbox.knobs().latency(Duration.ofMillis(latency));
                List<Long> engine = new ArrayList<>();
                List<Long> bare = new ArrayList<>();
                for (int i = 0; i < rounds; i++) {
                    engine.add(engine(session, dir));
                    bare.add(bare(sandbox, session));
                }
                long e = median(engine);
                long b = median(bare);
                System.out.printf("latency %2d ms/call: setup through the engine %4d ms, bare SDK calls %4d ms,"
                        + " ratio %.2f  (medians of %d; engine %s, bare %s)%n", latency, e / 1_000_000,
                        b / 1_000_000, (double) e / b, rounds, ms(engine), ms(bare));
                session.close();
            }
        }
    }

    private static SetupState state() {
        int n = ++counter;
        SetupState s = new SetupState();
        s.policyName = "Bench_Policy_" + n;
        s.userName = "bench-user-" + n;
        s.alias = "bench-key-" + n;
        s.keyDescription = "bench key " + n;
        s.accessKeyDescription = "bench " + n;
        return s;
    }

    private static long engine(AwsSession session, Path dir) {
        long t0 = System.nanoTime();
        SetupState s = state();
        s.keyAdministrators.add(session.whoAmI().arn());
        SetupRun run = SetupRun.start(session, s, new Journal(dir));
        run.runRemaining(Progress.NONE);
        run.result();
        long t = System.nanoTime() - t0;
        run.journal().clear();
        return t;
    }

    /** The same calls, straight through the SDK, nothing checked, journaled or looked up. */
    private static long bare(Sandbox sandbox, AwsSession session) {
        long t0 = System.nanoTime();
        SetupState s = state();
        IamClient iam = session.iam();
        KmsClient kms = session.kms();
        String account = session.sts().getCallerIdentity().account();
        String admin = session.whoAmI().arn();
        String policyArn = iam.createPolicy(b -> b.policyName(s.policyName).description(s.policyDescription)
                .policyDocument(DecryptPolicy.anyKeyInAccount(account).toJson())).policy().arn();
        String userArn = iam.createUser(b -> b.userName(s.userName)).user().arn();
        iam.attachUserPolicy(b -> b.userName(s.userName).policyArn(policyArn));
        AccessKey key = iam.createAccessKey(b -> b.userName(s.userName)).accessKey();
        iam.tagUser(b -> b.userName(s.userName).tags(t -> t.key(key.accessKeyId()).value(s.accessKeyDescription)));
        String policy = new KeyPolicyDocument(account, List.of(admin), List.of(userArn), true).toJson();
        var meta = kms.createKey(b -> b.keySpec("SYMMETRIC_DEFAULT").keyUsage("ENCRYPT_DECRYPT")
                .description(s.keyDescription).policy(policy)).keyMetadata();
        kms.createAlias(b -> b.aliasName("alias/" + s.alias).targetKeyId(meta.keyId()));
        kms.enableKeyRotation(b -> b.keyId(meta.keyId()));
        iam.createPolicyVersion(b -> b.policyArn(policyArn).setAsDefault(true)
                .policyDocument(DecryptPolicy.oneKey(meta.arn()).toJson()));
        try (KmsClient asUser = session.kmsAs(StaticCredentialsProvider.create(
                AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())))) {
            SdkBytes c = asUser.encrypt(b -> b.keyId(meta.arn()).plaintext(SdkBytes.fromUtf8String("x"))).ciphertextBlob();
            asUser.decrypt(b -> b.keyId(meta.arn()).ciphertextBlob(c));
        }
        iam.simulatePrincipalPolicy(b -> b.policySourceArn(userArn).actionNames("kms:Decrypt")
                .resourceArns(meta.arn(), "arn:aws:kms:" + sandbox.region() + ":" + account + ":key/x"));
        return System.nanoTime() - t0;
    }

    private static long median(List<Long> v) {
        List<Long> c = new ArrayList<>(v);
        Collections.sort(c);
        return c.get(c.size() / 2);
    }

    private static String ms(List<Long> v) {
        return v.stream().map(x -> String.valueOf(x / 1_000_000)).reduce((a, b) -> a + "/" + b).orElse("");
    }
}
