package com.npskms.cli;

import com.npskms.aws.AwsSession;
import com.npskms.setup.Existing;
import com.npskms.setup.PlannedCall;
import com.npskms.setup.SetupRun;
import com.npskms.setup.SetupState;
import com.npskms.setup.StepId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code setup}: the whole procedure, step by step, ending with the four values NPS asks for. */
@Command(name = "setup", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Creates the IAM policy, the IAM user and its access key, the KMS key with the console's key "
                + "policy, the least-privilege policy version, and verifies it all as the new user.",
                "Prints the four values NPS asks for. Exit code 0: done; 1: a step failed (the journal is kept: "
                        + "resume or rollback); 2: bad input (nothing changed)."})
final class SetupCommand extends RunCommand {

    @Mixin
    SetupOptions options;

    @Option(names = "--dry-run", description = "Print the plan (every AWS call and JSON document) and what already "
            + "exists; change nothing.")
    boolean dryRun;

    @Override
    String doing() {
        return "Setting up the NPS KMS key";
    }

    @Override
    void check() {
        if (!dryRun) {
            super.check();
        }
    }

    @Override
    int run(AwsSession session) {
        SetupState state = options.toState();
        SetupRun run = SetupRun.start(session, state, journalOption.journal(connection));
        if (!options.noCallerAsAdmin) {
            String me = run.defaultKeyAdministrator();
            if (me != null && !state.keyAdministrators.contains(me)) {
                state.keyAdministrators.add(me);
            }
        }
        if (dryRun) {
            printPlan(run);
            return ExitCode.OK;
        }
        err().println("Account " + state.accountId + ", region " + state.region + ", as " + state.callerArn);
        if (!confirm("Create the NPS KMS setup (policy " + state.policyName + ", user " + state.userName
                + ", KMS key " + state.alias + ") in this account?")) {
            throw notConfirmed("nothing was created.");
        }
        checkPermissions(run, session);
        SecretFile file = secretFile == null ? null : SecretFile.create(secretFile);
        return runToEnd(run, file);
    }

    private void printPlan(SetupRun run) {
        SetupState s = run.state();
        List<Map<String, Object>> steps = new ArrayList<>();
        for (StepId id : StepId.values()) {
            Existing existing;
            String inspectNote = null;
            try {
                existing = run.inspect(id);
            } catch (com.npskms.aws.ProblemException e) {
                existing = null;
                inspectNote = e.problem().what() + " " + e.problem().why();
            }
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("step", id.name());
            step.put("title", id.title());
            if (existing != null) {
                step.put("existing", existing.verdict().name());
                if (!existing.explanation().isBlank()) {
                    step.put("explanation", existing.explanation());
                }
            } else {
                step.put("existing", "UNKNOWN");
                step.put("explanation", inspectNote);
            }
            List<Map<String, Object>> calls = new ArrayList<>();
            for (PlannedCall c : run.plan(id)) {
                Map<String, Object> call = new LinkedHashMap<>();
                call.put("service", c.service());
                call.put("action", c.action());
                call.put("summary", c.summary());
                if (c.documentBefore() != null) {
                    call.put("documentBefore", c.documentBefore());
                }
                if (c.document() != null) {
                    call.put("document", c.document());
                }
                calls.add(call);
            }
            step.put("calls", calls);
            steps.add(step);
        }
        if (connection.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dryRun", true);
            m.put("accountId", s.accountId);
            m.put("callerArn", s.callerArn);
            m.put("region", s.region);
            m.put("steps", steps);
            m.put("requiredActions", SetupRun.requiredActions(s));
            printJson(out(), m);
            return;
        }
        out().println("Dry run: nothing will be changed. Account " + s.accountId + ", region " + s.region
                + ", as " + s.callerArn + ".");
        for (Map<String, Object> step : steps) {
            out().println();
            out().println("[" + (StepId.valueOf((String) step.get("step")).ordinal() + 1) + "/"
                    + StepId.values().length + "] " + step.get("title") + describeExisting(step));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> calls = (List<Map<String, Object>>) step.get("calls");
            for (Map<String, Object> c : calls) {
                String summary = (String) c.get("summary");
                out().println("  " + c.get("service") + " " + c.get("action")
                        + (summary == null || summary.isBlank() ? "" : " — " + summary));
                if (c.get("documentBefore") != null) {
                    out().println("    before:");
                    out().println(indent((String) c.get("documentBefore"), "      "));
                    out().println("    after:");
                }
                if (c.get("document") != null) {
                    out().println(indent((String) c.get("document"), "      "));
                }
            }
        }
    }

    private static String describeExisting(Map<String, Object> step) {
        Object verdict = step.get("existing");
        Object why = step.get("explanation");
        String note = switch (String.valueOf(verdict)) {
            case "REUSABLE" -> " — exists and will be reused";
            case "CONFLICT" -> " — CONFLICT";
            case "UNKNOWN" -> " — could not look for what exists";
            default -> "";
        };
        return note + (why == null || String.valueOf(why).isBlank() ? "" : ": " + why);
    }

    private static String indent(String text, String prefix) {
        return prefix + text.strip().replace("\n", "\n" + prefix);
    }
}
