package com.npskms.cli;

import com.npskms.aws.AwsSession;
import com.npskms.aws.ConnectionSettings;
import com.npskms.aws.Problem;
import com.npskms.aws.ProblemException;
import com.npskms.sandbox.Sandbox;
import com.npskms.setup.SecretText;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import picocli.CommandLine.Option;

/**
 * How a command reaches AWS, named as the AWS CLI names it. Credentials come from a profile or the SDK's
 * default chain ({@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY} / {@code AWS_SESSION_TOKEN},
 * {@code AWS_PROFILE}, SSO, instance roles); a secret is never taken as a command-line argument, where
 * it would land in shell history and process lists.
 */
public final class ConnectionOptions {

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Use this named profile of ~/.aws/config / ~/.aws/credentials (IAM Identity Center/SSO "
                    + "profiles included: run `aws sso login --profile NAME` first).")
    String profile;

    @Option(names = "--region", paramLabel = "REGION",
            description = "Region of the KMS key (e.g. eu-west-1). Default: the profile's region, else AWS_REGION.")
    String region;

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "Send IAM, KMS and STS calls to this endpoint instead of AWS's (a private endpoint, a "
                    + "sandbox). Default: AWS_ENDPOINT_URL, if set.")
    String endpointUrl;

    @Option(names = "--sandbox",
            description = "Try it out against a sandbox started inside this process (no AWS account needed; "
                    + "everything is gone when the command ends).")
    boolean sandbox;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json.")
    OutputFormat output = OutputFormat.text;

    /** How results are printed. */
    public enum OutputFormat { text, json }

    private Sandbox started;

    /** Opens the session the options describe (starting the in-process sandbox when asked). */
    AwsSession open(PrintWriter err) {
        if (sandbox && (profile != null || endpointUrl != null)) {
            throw usage("--sandbox cannot be combined with --profile or --endpoint-url",
                    "Use --sandbox alone to try it out, or drop it to use AWS.");
        }
        URI endpoint = null;
        if (endpointUrl != null) {
            try {
                endpoint = new URI(endpointUrl.strip());
            } catch (URISyntaxException e) {
                throw usage("'" + endpointUrl + "' is not a URL", "Use a URL such as https://kms.eu-west-1.amazonaws.com.");
            }
        }
        ConnectionSettings settings;
        if (sandbox) {
            started = Sandbox.start();
            if (region != null && !region.strip().equals(started.region())) {
                throw usage("The sandbox's KMS lives in " + started.region() + " only",
                        "Leave out --region with --sandbox (or use --region " + started.region() + ").");
            }
            err.println("Using a sandbox inside this process at " + started.endpoint() + " (account "
                    + started.accountId() + "); nothing reaches AWS and everything is discarded at exit.");
            err.flush();
            settings = ConnectionSettings.sandbox(started.endpoint(), started.adminAccessKeyId(),
                    SecretText.of(started.adminSecretAccessKey()), started.region());
        } else if (profile != null) {
            settings = ConnectionSettings.profile(profile, region).withEndpoint(endpoint);
        } else {
            settings = ConnectionSettings.defaultChain(region).withEndpoint(endpoint);
        }
        return AwsSession.open(settings);
    }

    /** The sandbox this command started, or null. */
    Sandbox sandbox() {
        return started;
    }

    boolean json() {
        return output == OutputFormat.json;
    }

    /** Stops the sandbox this command started, if any. */
    void close() {
        if (started != null) {
            started.close();
            started = null;
        }
    }

    static ProblemException usage(String what, String next) {
        return new ProblemException(Problem.of(Problem.Kind.INPUT, what, "", next));
    }
}
