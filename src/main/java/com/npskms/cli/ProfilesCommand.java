package com.npskms.cli;

import com.npskms.aws.AwsConfigFiles;
import com.npskms.aws.AwsProfiles;
import com.npskms.aws.KmsRegions;
import com.npskms.aws.ProblemException;
import com.npskms.aws.Problems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code profiles}: the named profiles of this machine's AWS files, and the regions a KMS key can live in. */
@Command(name = "profiles", mixinStandardHelpOptions = true,
        description = "Lists the profiles of ~/.aws/config and ~/.aws/credentials (or AWS_CONFIG_FILE / "
                + "AWS_SHARED_CREDENTIALS_FILE) with their region and whether they sign in through IAM Identity "
                + "Center (SSO); use one with --profile NAME.")
final class ProfilesCommand implements Callable<Integer> {

    @Option(names = "--regions", description = "List the regions a KMS key can live in instead.")
    boolean regions;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json.")
    ConnectionOptions.OutputFormat output = ConnectionOptions.OutputFormat.text;

    @Spec
    CommandSpec spec;

    private final AwsConfigFiles files;

    ProfilesCommand() {
        this(null);
    }

    /** With other files than this machine's (tests). */
    ProfilesCommand(AwsConfigFiles files) {
        this.files = files;
    }

    @Override
    public Integer call() {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        if (regions) {
            for (KmsRegions.KmsRegion r : KmsRegions.all()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("code", r.code());
                m.put("name", r.name());
                rows.add(m);
                lines.add(r.label());
            }
        } else {
            List<AwsProfiles.AwsProfile> profiles;
            try {
                profiles = AwsProfiles.list(files == null ? AwsConfigFiles.fromEnvironment() : files);
            } catch (ProblemException e) {
                spec.commandLine().getErr().println(e.problem().toText());
                return ExitCode.FAILED;
            } catch (RuntimeException e) {
                spec.commandLine().getErr().println(Problems.from(e, "Reading the AWS config files").toText());
                return ExitCode.FAILED;
            }
            for (AwsProfiles.AwsProfile p : profiles) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", p.name());
                m.put("region", p.region());
                m.put("sso", p.sso());
                if (p.ssoStartUrl() != null) {
                    m.put("ssoStartUrl", p.ssoStartUrl());
                }
                rows.add(m);
                lines.add(String.format("%-24s %-16s %s", p.name(), p.region() == null ? "(no region)" : p.region(),
                        p.sso() ? "SSO " + (p.ssoStartUrl() == null ? "" : p.ssoStartUrl()) : "keys"));
            }
            if (profiles.isEmpty() && output == ConnectionOptions.OutputFormat.text) {
                lines.add("No AWS profiles on this machine. Create one with `aws configure` (or `aws configure sso`), "
                        + "or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.");
            }
        }
        if (output == ConnectionOptions.OutputFormat.json) {
            try {
                spec.commandLine().getOut().println(new com.fasterxml.jackson.databind.ObjectMapper()
                        .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(rows));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            lines.forEach(spec.commandLine().getOut()::println);
        }
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}
