package com.npskms.cli;

import com.npskms.aws.AwsSession;
import com.npskms.setup.JournalEntry;
import com.npskms.setup.SetupRun;
import com.npskms.setup.StepId;
import picocli.CommandLine.Command;

/** {@code resume}: continues the journaled run from its first unfinished step. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Continues an interrupted or failed setup from its first unfinished step, without making "
                + "anything twice. Must run against the same account and region.",
                "If the access key was made by the interrupted run, its secret is gone: a new key replaces it."})
final class ResumeCommand extends RunCommand {

    @Override
    String doing() {
        return "Resuming the setup";
    }

    @Override
    int run(AwsSession session) {
        SetupRun run = SetupRun.resume(session, journalOption.journal(connection));
        JournalEntry entry = run.journal().findLast().orElseThrow();
        if (run.isFinished() && run.state().secretAccessKey == null) {
            err().println("That setup run finished already; nothing to resume.");
            return ExitCode.OK;
        }
        StepId next = run.nextStep();
        err().println("Resuming the run started " + entry.startedAt() + " in account " + entry.accountId()
                + ", region " + entry.region() + " at step " + (next == null ? "-" : next.title())
                + (entry.lastFailure() == null ? "" : " (it failed with: " + entry.lastFailure().lines().findFirst()
                .orElse("") + ")"));
        if (!confirm("Continue?")) {
            throw notConfirmed("nothing was changed.");
        }
        checkPermissions(run, session);
        SecretFile file = secretFile == null ? null : SecretFile.create(secretFile);
        return runToEnd(run, file);
    }
}
