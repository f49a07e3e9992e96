package com.npskms.cli;

import com.npskms.aws.AwsSession;
import com.npskms.aws.Problem;
import com.npskms.aws.ProblemException;
import com.npskms.aws.Problems;
import com.npskms.setup.Journal;
import com.npskms.setup.SecretText;
import com.npskms.setup.SetupRun;
import com.npskms.setup.SetupState;
import com.npskms.setup.StepId;
import com.npskms.setup.Verification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code verify}: proves an existing setup works as NPS will use it. */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"With the NPS user's own access key, encrypts and decrypts a test text with the KMS key "
                + "(waiting out AWS propagation), then checks by simulation that the user may decrypt with this "
                + "key and no other.",
                "The secret access key is read from --secret-file, else from NPS_SECRET_ACCESS_KEY, else asked for."})
final class VerifyCommand extends AwsCommand {

    @Option(names = "--user-name", paramLabel = "NAME", description = "The NPS IAM user (default: ${DEFAULT-VALUE}).")
    String userName = new SetupState().userName;

    @Option(names = "--access-key-id", paramLabel = "ID", required = true, description = "The NPS user's access key id.")
    String accessKeyId;

    @Option(names = "--key", paramLabel = "ARN|ALIAS", required = true,
            description = "The KMS key: its ARN, id, or alias (e.g. alias/nps-protection-key).")
    String key;

    @Option(names = "--secret-file", paramLabel = "FILE", description = "File holding the secret access key "
            + "(as written by setup --secret-file).")
    Path secretFile;

    @Option(names = "--secret-access-key", interactive = true, arity = "0",
            prompt = "Secret access key of the NPS user (not shown): ",
            description = "Ask for the secret access key (typed without echo).")
    char[] typedSecret;

    @Override
    String doing() {
        return "Verifying the NPS setup";
    }

    @Override
    int run(AwsSession session) throws IOException {
        SecretText secret = secret();
        String keyArn;
        try {
            keyArn = session.kms().describeKey(b -> b.keyId(key.startsWith("arn:") || key.startsWith("alias/")
                    || key.matches("[0-9a-fA-F-]{36}") ? key : "alias/" + key)).keyMetadata().arn();
        } catch (RuntimeException e) {
            throw Problems.wrap(e, "Looking up the KMS key " + key);
        }
        SetupState s = new SetupState();
        s.userName = userName;
        s.accessKeyId = accessKeyId;
        s.secretAccessKey = secret;
        s.keyArn = keyArn;
        s.completed = EnumSet.complementOf(EnumSet.of(StepId.VERIFY));
        // The verification is one step of a run; this run lives in a throwaway journal and changes nothing.
        Path scratch = Files.createTempDirectory("nps-kms-verify");
        try {
            SetupRun run = SetupRun.start(session, s, new Journal(scratch));
            try {
                run.run(StepId.VERIFY, new TerminalProgress(err()));
            } catch (ProblemException e) {
                report(e.problem());
                return ExitCode.FAILED;
            }
            Verification v = run.state().verification;
            if (connection.json()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("userName", userName);
                m.put("accessKeyId", accessKeyId);
                m.put("kmsKeyArn", keyArn);
                m.put("region", session.region());
                m.put("roundTrip", v.roundTrip());
                m.put("simulation", v.simulation().name());
                m.put("detail", v.detail());
                printJson(out(), m);
            } else {
                out().println("Verified: " + v.detail());
            }
            return ExitCode.OK;
        } finally {
            secret.wipe();
            try (Stream<Path> files = Files.walk(scratch)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private SecretText secret() throws IOException {
        if (secretFile != null) {
            if (!Files.isRegularFile(secretFile)) {
                throw new ProblemException(Problem.of(Problem.Kind.INPUT, "The secret file " + secretFile
                        + " does not exist", "", "Give the file written by setup --secret-file."));
            }
            return SecretText.of(Files.readString(secretFile, StandardCharsets.UTF_8).strip());
        }
        if (typedSecret != null && typedSecret.length > 0) {
            SecretText s = SecretText.of(new String(typedSecret).strip());
            java.util.Arrays.fill(typedSecret, '\0');
            return s;
        }
        String env = System.getenv("NPS_SECRET_ACCESS_KEY");
        if (env != null && !env.isBlank()) {
            return SecretText.of(env.strip());
        }
        throw new ProblemException(Problem.of(Problem.Kind.INPUT, "The NPS user's secret access key is needed",
                "Verification signs in as the NPS user.", "Give --secret-file FILE, set NPS_SECRET_ACCESS_KEY, or "
                        + "add --secret-access-key to type it."));
    }
}
