package com.npskms.cli;

import com.npskms.aws.AwsSession;
import com.npskms.aws.CallerIdentity;
import com.npskms.aws.Preflight;
import com.npskms.setup.SetupRun;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code preflight}: may the operator make every call the setup needs? */
@Command(name = "preflight", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Checks, before anything is created, that you may make every AWS call a setup with these "
                + "options needs, roll back and rotation included (iam:SimulatePrincipalPolicy; the same check setup "
                + "makes). Names what is missing and prints a policy granting it.",
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
        Preflight.Result r = Preflight.check(session.iam(), me.arn(), SetupRun.requiredActions(options.toState()));
        if (connection.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("status", r.status().name());
            m.put("account", me.accountId());
            m.put("principal", r.principalArn());
            m.put("missing", r.missing());
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
            out().println(r.toText());
        }
        return r.mayProceed() ? ExitCode.OK : ExitCode.FAILED;
    }
}
