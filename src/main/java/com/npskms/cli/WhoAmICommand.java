package com.npskms.cli;

import com.npskms.aws.AwsSession;
import com.npskms.aws.CallerIdentity;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code whoami}: the account and identity the other commands would act as. */
@Command(name = "whoami", mixinStandardHelpOptions = true,
        description = "Shows the AWS account, the caller ARN and the region the other commands would use "
                + "(sts:GetCallerIdentity; needs no permission).")
final class WhoAmICommand extends AwsCommand {

    @Override
    String doing() {
        return "Checking who you are signed in as";
    }

    @Override
    int run(AwsSession session) {
        CallerIdentity me = session.whoAmI();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("account", me.accountId());
        m.put("arn", me.arn());
        m.put("userId", me.userId());
        m.put("region", session.region());
        if (session.endpoint() != null) {
            m.put("endpoint", session.endpoint().toString());
        }
        if (connection.json()) {
            printJson(out(), m);
        } else {
            out().println("Account:  " + me.accountId());
            out().println("Caller:   " + me.arn());
            out().println("Region:   " + session.region());
            out().println("Via:      " + switch (session.settings().mode()) {
                case PROFILE -> "profile " + (session.settings().profile() == null ? "default"
                        : session.settings().profile());
                case KEYS -> "access key " + session.settings().accessKeyId();
                case SANDBOX -> "the sandbox's administrator";
                case DEFAULT_CHAIN -> "the default credentials (environment, AWS_PROFILE, default profile or role)";
            });
            out().println("Endpoint: " + (session.endpoint() == null ? "AWS" : session.endpoint()));
        }
        return ExitCode.OK;
    }
}
