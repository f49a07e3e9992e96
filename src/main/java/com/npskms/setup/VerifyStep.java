package com.npskms.setup;

import com.npskms.aws.Problem;
import com.npskms.aws.ProblemException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Step 6 (beyond the guide): proves the setup works as NPS will use it: with the new user's own access key,
 * an encrypt → decrypt round trip on the key (waiting out propagation), then a policy simulation that
 * kms:Decrypt is allowed on this key and on no other (advice, not proof, when simulation is unavailable).
 */
public final class VerifyStep implements SetupStep {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final StepContext ctx;

    VerifyStep(StepContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public StepId id() {
        return StepId.VERIFY;
    }

    /** An ARN of a key that is not the NPS key, in the same account and region, for the "no other key" check. */
    static String otherKeyArn(SetupState s) {
        return "arn:" + StepContext.partition(s) + ":kms:" + s.region + ":" + s.accountId
                + ":key/00000000-0000-0000-0000-000000000000";
    }

    @Override
    public List<PlannedCall> plan(SetupState s) {
        return List.of(
                new PlannedCall("kms", "Encrypt", "as " + s.userName + " (its new access key), a random test text", null),
                new PlannedCall("kms", "Decrypt", "as " + s.userName + ", the text just encrypted", null),
                new PlannedCall("iam", "SimulatePrincipalPolicy", "user " + s.userName
                        + ", kms:Decrypt on the new key and on another key of the account", null));
    }

    @Override
    public Existing inspect(SetupState s) {
        return Existing.nothing();
    }

    @Override
    public void run(SetupState s, Progress progress) {
        if (s.secretAccessKey == null || s.secretAccessKey.isWiped()) {
            throw new ProblemException(Problem.of(Problem.Kind.CREDENTIALS, "Cannot verify as " + s.userName,
                    "The new access key's secret is not in memory.", "Run the access key step again."));
        }
        // The simulation (operator's credentials) goes alongside the round trip (the NPS user's).
        progress.update("Encrypting and decrypting as " + s.userName
                + "; checking through policy simulation that only this key can be decrypted", Progress.UNKNOWN);
        java.util.concurrent.CompletableFuture<Simulated> simulation = StepContext.alongside(() -> simulate(s));
        boolean roundTrip = roundTrip(s, progress);
        Simulated simulated = StepContext.join(simulation);
        if (simulated.simulation == Verification.Simulation.BROADER
                || simulated.simulation == Verification.Simulation.NOT_ALLOWED) {
            // IAM may still answer from the policy before the least-privilege version: ask again for a while.
            simulated = settledSimulation(s, simulated, progress);
        }
        Verification.Simulation sim = simulated.simulation;
        String detail = simulated.detail;
        s.verification = new Verification(roundTrip, sim, "Encrypt → decrypt as " + s.userName + " worked. " + detail);
        ctx.save(s);
        if (sim == Verification.Simulation.NOT_ALLOWED || sim == Verification.Simulation.BROADER) {
            throw new ProblemException(Problem.of(Problem.Kind.OTHER, "Verification found a problem", detail,
                    sim == Verification.Simulation.BROADER ? "Run the least-privilege step, then verify again."
                            : "Check the policy attached to " + s.userName + ", then verify again."));
        }
    }

    private record Simulated(Verification.Simulation simulation, String detail) {
    }

    /** Thrown to ask the backoff for another simulation. */
    private static final class NotSettled extends RuntimeException {
        final transient Simulated last;

        NotSettled(Simulated last) {
            super(null, null, false, false);
            this.last = last;
        }
    }

    private Simulated settledSimulation(SetupState s, Simulated first, Progress progress) {
        try {
            return ctx.backoff.retry("IAM to apply the policy change", t -> t instanceof NotSettled, progress, () -> {
                Simulated again = simulate(s);
                if (again.simulation == Verification.Simulation.BROADER
                        || again.simulation == Verification.Simulation.NOT_ALLOWED) {
                    throw new NotSettled(again);
                }
                return again;
            });
        } catch (NotSettled e) {
            return e.last;
        }
    }

    /** Asks IAM's simulator about kms:Decrypt on this key and on another; never fails (unavailable is advice). */
    private Simulated simulate(SetupState s) {
        try {
            List<EvaluationResult> results = ctx.session.iam().simulatePrincipalPolicy(b -> b
                    .policySourceArn(StepContext.userArn(s)).actionNames("kms:Decrypt")
                    .resourceArns(s.keyArn, otherKeyArn(s))).evaluationResults();
            Map<String, String> decision = results.stream().collect(Collectors.toMap(
                    r -> r.evalResourceName() == null ? "" : r.evalResourceName(), r -> r.evalDecisionAsString(), (a, b) -> a));
            boolean thisAllowed = "allowed".equals(decision.get(s.keyArn));
            boolean otherAllowed = "allowed".equals(decision.get(otherKeyArn(s)));
            if (!thisAllowed) {
                return new Simulated(Verification.Simulation.NOT_ALLOWED, "Simulation says the policy of " + s.userName
                        + " does not allow kms:Decrypt on " + s.keyArn + " (" + decision.get(s.keyArn) + ").");
            }
            if (otherAllowed) {
                return new Simulated(Verification.Simulation.BROADER, "Simulation says " + s.userName
                        + " may decrypt with other keys of the account too; the least-privilege version is not in effect.");
            }
            return new Simulated(Verification.Simulation.ONLY_THIS_KEY, "Simulation confirms " + s.userName
                    + " may decrypt with this key and with no other.");
        } catch (RuntimeException e) {
            return new Simulated(Verification.Simulation.UNAVAILABLE, "Policy simulation was not possible ("
                    + (AwsErrors.code(e) != null ? AwsErrors.code(e) : e.getClass().getSimpleName())
                    + "); that is advice, not proof: the round trip above worked.");
        }
    }

    private boolean roundTrip(SetupState s, Progress progress) {
        byte[] plain = new byte[32];
        RANDOM.nextBytes(plain);
        String text = "nps-kms-setup verification " + java.util.HexFormat.of().formatHex(plain);
        StaticCredentialsProvider creds = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(s.accessKeyId, s.secretAccessKey.reveal()));
        try (KmsClient kms = ctx.session.kmsAs(creds)) {
            SdkBytes cipher = StepContext.call("Encrypting a test text as " + s.userName, () -> ctx.backoff.retry(
                    "the new access key to be accepted by KMS", VerifyStep::notYetLive, progress,
                    () -> kms.encrypt(b -> b.keyId(s.keyArn).plaintext(SdkBytes.fromUtf8String(text))).ciphertextBlob()));
            String back = StepContext.call("Decrypting the test text as " + s.userName, () -> ctx.backoff.retry(
                    "the new permissions to reach KMS", VerifyStep::notYetLive, progress,
                    () -> kms.decrypt(b -> b.keyId(s.keyArn).ciphertextBlob(cipher)).plaintext()
                            .asString(StandardCharsets.UTF_8)));
            if (!text.equals(back)) {
                throw new ProblemException(Problem.of(Problem.Kind.OTHER, "Verification failed",
                        "KMS decrypted the test text to something else.", "Retry the verification."));
            }
            return true;
        }
    }

    /** The answers of a new access key or a new permission that has not reached KMS yet. */
    static boolean notYetLive(Throwable t) {
        return AwsErrors.is(t, "InvalidClientTokenId", "UnrecognizedClientException", "AccessDeniedException",
                "AccessDenied", "NotFoundException", "KMSInvalidStateException");
    }

    @Override
    public void rollback(SetupState s, Progress progress) {
        // Verify creates nothing.
        s.verification = null;
    }
}
