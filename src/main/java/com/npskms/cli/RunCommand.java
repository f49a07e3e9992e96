package com.npskms.cli;

import com.npskms.aws.AwsSession;
import com.npskms.aws.Problem;
import com.npskms.aws.ProblemException;
import com.npskms.setup.NpsValues;
import com.npskms.setup.SetupRun;
import com.npskms.setup.SetupState;
import com.npskms.setup.StepId;
import com.npskms.setup.Verification;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A command that drives a setup run: journal, confirmation, the secret's way out, and the result. */
abstract class RunCommand extends AwsCommand {

    @Mixin
    JournalOption journalOption;

    @Option(names = {"-y", "--yes"}, description = "Answer yes to every confirmation.")
    boolean yes;

    @Option(names = "--show-secret",
            description = "Print the secret access key (otherwise it is masked; use --secret-file to store it).")
    boolean showSecret;

    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "Write the secret access key to this new file, readable by you only (never overwritten).")
    Path secretFile;

    @Option(names = "--skip-preflight",
            description = "Do not check your permissions by simulation before creating anything.")
    boolean skipPreflight;

    @Override
    void check() {
        if (secretFile != null) {
            SecretFile.checkUsable(secretFile);
        }
    }

    /** Asks on the terminal; true for y/yes. Without a terminal answer (end of input) the answer is no. */
    boolean confirm(String question) {
        if (yes) {
            return true;
        }
        return ask(question);
    }

    static ProblemException notConfirmed(String nothingDone) {
        return new ProblemException(Problem.of(Problem.Kind.INPUT, "Not confirmed: " + nothingDone, "",
                "Answer y, or add --yes to skip the question."));
    }

    /** The engine's pre-flight: stops before the first change when the simulation says something is missing. */
    void checkPermissions(SetupRun run, AwsSession session) {
        if (!skipPreflight) {
            run.withPreflight(new TerminalProgress(err()));
        }
    }

    /** Runs every remaining step; on failure prints the problem and where the journal is, and returns 1. */
    int runToEnd(SetupRun run, SecretFile file) {
        TerminalProgress progress = new TerminalProgress(err());
        try {
            for (StepId id = run.nextStep(); id != null; id = run.nextStep()) {
                err().println("[" + (id.ordinal() + 1) + "/" + StepId.values().length + "] " + id.title());
                err().flush();
                run.run(id, progress);
            }
        } catch (ProblemException e) {
            if (file != null) {
                file.deleteIfEmpty();
            }
            report(e.problem());
            err().println("The run journal is kept at " + run.journal().file() + ": fix the cause and run `resume`, "
                    + "or run `rollback` to remove what this run created.");
            err().flush();
            return ExitCode.FAILED;
        }
        printResult(run, file);
        return ExitCode.OK;
    }

    /** The four values NPS asks for (secret masked unless asked), plus what was created, as text or JSON. */
    void printResult(SetupRun run, SecretFile file) {
        NpsValues v = run.result();
        if (file != null) {
            file.write(v.secretAccessKey());
        }
        SetupState s = run.state();
        if (connection.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("accessKeyId", v.accessKeyId());
            if (showSecret) {
                m.put("secretAccessKey", v.secretAccessKey().reveal());
            }
            if (file != null) {
                m.put("secretAccessKeyFile", file.path().toString());
            }
            m.put("kmsKeyArn", v.kmsKeyArn());
            m.put("region", v.region());
            m.put("accountId", s.accountId);
            m.put("policyArn", s.policyArn);
            m.put("userName", s.userName);
            m.put("userArn", s.userArn);
            m.put("keyId", s.keyId);
            m.put("alias", s.alias);
            m.put("leastPrivilegeVersionId", s.leastPrivilegeVersionId);
            if (s.verification != null) {
                m.put("verified", s.verification.roundTrip());
                m.put("simulation", s.verification.simulation().name());
            }
            m.put("created", createdList(s));
            run.consolePassword().ifPresent(p -> {
                if (showSecret) {
                    m.put("consolePassword", p.reveal());
                }
            });
            printJson(out(), m);
        } else {
            out().println("Done. The four values NPS asks for (Rotate AWS Key), in its order:");
            out().println("  Access key ID:      " + v.accessKeyId());
            out().println("  Secret access key:  " + (showSecret ? v.secretAccessKey().reveal()
                    : com.npskms.setup.SecretText.MASK + (file != null ? "  (written to " + file.path() + ")"
                    : "  (not shown: add --show-secret or --secret-file FILE)")));
            out().println("  KMS key ARN:        " + v.kmsKeyArn());
            out().println("  AWS region:         " + v.region());
            out().println();
            out().println("IAM policy " + s.policyArn + (s.policyCreated ? " (created)" : " (reused)"));
            out().println("IAM user   " + s.userName + (s.userCreated ? " (created)" : " (reused)"));
            out().println("KMS key    " + s.keyArn + " alias " + s.alias);
            Verification ver = s.verification;
            if (ver != null) {
                out().println("Verified:  " + ver.detail());
            }
            if (file == null && !showSecret) {
                out().println();
                out().println("The secret access key exists only in this process and was not shown: NPS needs it. "
                        + "Create a new key with `rotate` if it is lost.");
            }
        }
        run.consolePassword().ifPresent(p -> {
            if (showSecret && connection.json()) {
                return;
            }
            if (showSecret) {
                out().println("Console password of " + s.userName + " (to be changed at first sign-in): "
                        + p.reveal());
            } else {
                err().println("A console password was set for " + s.userName + " and is not shown (add --show-secret "
                        + "to see it); otherwise reset it in the IAM console before the user's first sign-in.");
            }
        });
    }

    static java.util.List<String> createdList(SetupState s) {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (s.policyCreated) {
            out.add("policy");
        }
        if (s.userCreated) {
            out.add("user");
        }
        if (s.loginProfileCreated) {
            out.add("loginProfile");
        }
        if (s.accessKeyCreated) {
            out.add("accessKey");
        }
        if (s.keyCreated) {
            out.add("kmsKey");
        }
        if (s.aliasCreated) {
            out.add("alias");
        }
        if (s.leastPrivilegeVersionId != null) {
            out.add("policyVersion");
        }
        return out;
    }
}
