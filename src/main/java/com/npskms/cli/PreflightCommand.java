package com.npskms.cli;

import com.npskms.aws.AwsSession;
import com.npskms.aws.CallerIdentity;
import com.npskms.aws.Preflight;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code preflight}: may the operator make every call the setup needs? */
@Command(name = "preflight", mixinStandardHelpOptions = true,
        description = {"Checks, before anything is created, that you may make every AWS call the setup needs "
                + "(iam:SimulatePrincipalPolicy). Names what is missing and prints a policy granting it.",
                "Exit code 0: allowed (or could not be checked: you may go on); 1: something is missing."})
final class PreflightCommand extends AwsCommand {

    @Option(names = "--console-access", description = "Include what console access for the NPS user needs.")
    boolean consoleAccess;

    @Option(names = "--with-tags", description = "Include what tagging the KMS key needs.")
    boolean tags;

    @Option(names = "--key-rotation", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Include what automatic key rotation needs (default: on).")
    boolean rotation = true;

    @Override
    String doing() {
        return "Checking your permissions";
    }

    @Override
    int run(AwsSession session) {
        CallerIdentity me = session.whoAmI();
        Preflight.Result r = Preflight.check(session, me, new Preflight.Needs(consoleAccess, tags, rotation));
        if (connection.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("status", r.status().name());
            m.put("account", me.accountId());
            m.put("principal", r.principalArn());
            m.put("allowed", r.allowed());
            m.put("missing", r.missing());
            m.put("explicitlyDenied", r.explicitlyDenied());
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
