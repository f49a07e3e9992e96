package com.npskms.cli;

import com.npskms.aws.AwsSession;
import com.npskms.setup.JournalEntry;
import com.npskms.setup.SetupRun;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rollback}: removes what the journaled run created, and nothing else. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Removes everything the journaled setup run created, in dependency order (the KMS key is "
                + "scheduled for deletion with its waiting period), and leaves reused resources alone.",
                "With --discard, forgets the run instead and keeps everything in AWS."})
final class RollbackCommand extends AwsCommand {

    @Mixin
    JournalOption journalOption;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
    boolean yes;

    @Option(names = "--discard", description = "Forget the journaled run; keep its resources in AWS.")
    boolean discard;

    @Override
    String doing() {
        return discard ? "Discarding the setup run" : "Rolling back the setup run";
    }

    @Override
    int run(AwsSession session) {
        SetupRun run = SetupRun.resume(session, journalOption.journal(connection));
        JournalEntry entry = run.journal().findLast().orElseThrow();
        List<String> created = entry.created();
        if (!connection.json()) {
            err().println("The run started " + entry.startedAt() + " in account " + entry.accountId() + ", region "
                    + entry.region() + (created.isEmpty() ? " created nothing." : " created:"));
            created.forEach(c -> err().println("  - " + c));
        }
        String question = discard ? "Forget this run and keep these resources?" : created.isEmpty()
                ? "Forget this run?" : "Delete these resources (the KMS key after " + run.state().deletionWindowDays
                + " days)?";
        if (!yes && !ask(question)) {
            throw RunCommand.notConfirmed("nothing was changed.");
        }
        if (discard) {
            run.discard();
        } else {
            run.rollback(new TerminalProgress(err()));
        }
        if (connection.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(discard ? "discarded" : "rolledBack", created);
            if (!discard && run.state().keyArn != null && created.stream().anyMatch(c -> c.startsWith("KMS key"))) {
                m.put("keyDeletionInDays", run.state().deletionWindowDays);
            }
            printJson(out(), m);
        } else {
            out().println(discard ? "Forgotten; the resources stay in AWS."
                    : created.isEmpty() ? "Nothing to remove; the run is forgotten."
                    : "Rolled back: everything this run created is removed"
                    + (created.stream().anyMatch(c -> c.startsWith("KMS key")) ? " (the KMS key is scheduled for "
                    + "deletion in " + run.state().deletionWindowDays + " days; cancel with kms:CancelKeyDeletion)."
                    : "."));
        }
        return ExitCode.OK;
    }
}
