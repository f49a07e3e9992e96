package com.npskms.cli;

import com.npskms.aws.AwsSession;
import com.npskms.aws.CallerIdentity;
import com.npskms.aws.Preflight;
import com.npskms.setup.SetupRun;
import com.npskms.setup.SetupState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code preflight}: may the operator make every call the setup needs? */
@Command(name = "preflight", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Checks, before anything is created, that you may make every AWS call a setup with these "
                + "options needs (iam:SimulatePrincipalPolicy; the same check setup makes). Also says what roll back "
                + "and rotation would need later, and prints a policy granting everything missing.",
                "Exit code 0: allowed (or could not be checked: you may go on); 1: the setup would be stopped."})
final class PreflightCommand extends AwsCommand {

    @Mixin
    SetupOptions options;

    @Override
    String doing() {
        return "Checking your permissions";
    }

    @Override
    int run(AwsSession session) {
        CallerIdentity me = session.whoAmI();
        SetupState state = options.toState();
        List<String> forSetup = SetupRun.requiredActions(state);
        Set<String> all = new LinkedHashSet<>(forSetup);
        all.addAll(Preflight.requiredActions(new Preflight.Needs(state.consoleAccess, !state.tags.isEmpty(),
                state.enableKeyRotation)));
        Preflight.Result r = Preflight.check(session.iam(), me.arn(), new ArrayList<>(all));
        List<String> missingNow = r.missing().stream().filter(forSetup::contains).toList();
        List<String> missingLater = r.missing().stream().filter(a -> !forSetup.contains(a)).toList();
        if (connection.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("status", r.status() == Preflight.Result.Status.MISSING && missingNow.isEmpty()
                    ? "ALL_ALLOWED" : r.status().name());
            m.put("account", me.accountId());
            m.put("principal", r.principalArn());
            m.put("missingForSetup", missingNow);
            m.put("missingForRollbackAndRotation", missingLater);
            m.put("explicitlyDenied", r.explicitlyDenied());
            m.put("allowed", r.allowed());
            if (!r.reason().isEmpty()) {
                m.put("reason", r.reason());
            }
            if (!r.missing().isEmpty()) {
                m.put("policyGrantingMissing", r.missingPolicyJson());
            }
            printJson(out(), m);
        } else {
            out().println("Account " + me.accountId() + ", caller " + me.arn());
            switch (r.status()) {
                case NOT_CHECKED, ALL_ALLOWED -> out().println(r.toText());
                case MISSING -> {
                    if (missingNow.isEmpty()) {
                        out().println("Permissions: everything the setup needs is allowed for " + r.principalArn() + ".");
                    } else {
                        out().println("Permissions: the setup would be stopped; " + r.principalArn() + " may not call:");
                        missingNow.forEach(a -> out().println("  - " + a + describe(a, r)));
                    }
                    if (!missingLater.isEmpty()) {
                        out().println("Needed later (roll back, rotation, pickers), also missing:");
                        missingLater.forEach(a -> out().println("  - " + a + describe(a, r)));
                    }
                    out().println("A policy granting what is missing, for an AWS administrator to attach:");
                    out().println(r.missingPolicyJson());
                    out().println("(The simulation is advice: organization SCPs and permission boundaries may still deny.)");
                }
            }
        }
        return missingNow.isEmpty() ? ExitCode.OK : ExitCode.FAILED;
    }

    private static String describe(String action, Preflight.Result r) {
        String purpose = Preflight.purposeOf(action);
        return (r.explicitlyDenied().contains(action) ? " (explicitly denied)" : "")
                + (purpose == null ? "" : " — " + purpose);
    }
}
