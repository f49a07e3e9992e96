package com.npskms.cli;

import com.npskms.aws.AwsSession;
import com.npskms.setup.Journal;
import com.npskms.setup.JournalEntry;
import com.npskms.setup.SetupRun;
import com.npskms.setup.StepId;
import java.util.Optional;
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
        Journal journal = journalOption.journal(connection);
        // Look before resuming: resuming a finished run would replace its access key (the secret is never kept),
        // and that key may already be in NPS.
        Optional<JournalEntry> last = journal.findLast();
        if (last.isPresent() && last.get().finished()) {
            err().println("The last setup run (started " + last.get().startedAt() + ") finished; there is nothing "
                    + "to resume. To replace its access key, use `rotate`.");
            return ExitCode.OK;
        }
        SetupRun run = SetupRun.resume(session, journal);
        JournalEntry entry = run.journal().findLast().orElseThrow();
        StepId next = run.nextStep();
        err().println("Resuming the run started " + entry.startedAt() + " in account " + entry.accountId()
                + ", region " + entry.region() + " at step " + (next == null ? "-" : next.title())
                + (entry.lastFailure() == null ? "" : " (it failed with: " + entry.lastFailure().lines().findFirst()
                .orElse("") + ")"));
        if (entry.state().accessKeyCreated) {
            err().println("The access key " + entry.state().accessKeyId + " made by that run is replaced by a new one: "
                    + "its secret was never stored.");
        }
        if (!confirm("Continue?")) {
            throw notConfirmed("nothing was changed.");
        }
        checkPermissions(run, session);
        SecretFile file = secretFile == null ? null : SecretFile.create(secretFile);
        return runToEnd(run, file);
    }
}
