package com.npskms.aws;

import com.npskms.setup.SecretText;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * An open connection to AWS (or the Sandbox): IAM on the global endpoint, KMS and STS in the chosen region,
 * the SDK's standard retry strategy, clients built lazily on first use.
 */
public final class AwsSession implements AutoCloseable {

    private final ConnectionSettings settings;
    private final String region;
    private final URI endpoint;
    private final AwsCredentialsProvider credentials;
    private final List<SdkAutoCloseable> opened = new ArrayList<>();
    private SdkHttpClient http;
    private IamClient iam;
    private KmsClient kms;
    private StsClient sts;
    private CallerIdentity me;
    private boolean closed;

    private final List<ExecutionInterceptor> interceptors = new ArrayList<>();

    private AwsSession(ConnectionSettings settings, String region, URI endpoint, AwsCredentialsProvider credentials) {
        this.settings = settings;
        this.region = region;
        this.endpoint = endpoint;
        this.credentials = credentials;
    }

    /** Opens a session; builds no client yet. Throws {@link ProblemException} for unusable settings. */
    public static AwsSession open(ConnectionSettings settings) {
        return open(settings, AwsConfigFiles.fromEnvironment(), System::getenv);
    }

    /**
     * Opens a session reading profiles from the given files and environment variables from {@code env}
     * (tests pass temporary files and a map). Throws {@link ProblemException} for unusable settings.
     */
    public static AwsSession open(ConnectionSettings settings, AwsConfigFiles files, Function<String, String> env) {
        if (settings == null || settings.mode() == null) {
            throw new ProblemException(Problem.of(Problem.Kind.INPUT, "No way to reach AWS was chosen",
                    "", "Choose a profile, access keys, the default credentials or the Sandbox."));
        }
        URI endpoint = endpoint(settings, env);
        // credentials first: "no profile named X" explains a missing region too
        AwsCredentialsProvider credentials = credentials(settings, files, env);
        String region = resolveRegion(settings, files, env);
        return new AwsSession(settings, region, endpoint, credentials);
    }

    /**
     * Adds an SDK interceptor to every client this session builds from now on (benchmarks count calls with it).
     * Call before the first client is used.
     */
    public synchronized AwsSession withInterceptor(ExecutionInterceptor interceptor) {
        interceptors.add(interceptor);
        return this;
    }

    /**
     * The region a session with these settings would use: the one chosen, else the profile's {@code region},
     * else {@code AWS_REGION} / {@code AWS_DEFAULT_REGION} / the default profile's region.
     * Throws {@link ProblemException} when there is none.
     */
    public static String resolveRegion(ConnectionSettings settings, AwsConfigFiles files, Function<String, String> env) {
        String chosen = blankToNull(settings.region());
        if (chosen != null) {
            return checkedRegion(chosen, "the region you chose");
        }
        if (settings.mode() == ConnectionSettings.Mode.SANDBOX) {
            return KmsRegions.DEFAULT;
        }
        if (settings.mode() == ConnectionSettings.Mode.PROFILE) {
            String name = blankToNull(settings.profile());
            Optional<String> fromProfile = readProfiles(files).profile(name == null ? "default" : name)
                    .flatMap(p -> p.property("region")).map(String::strip).filter(s -> !s.isEmpty());
            if (fromProfile.isPresent()) {
                return checkedRegion(fromProfile.get(), "the region of profile '" + name + "'");
            }
        }
        String fromSystem = blankToNull(System.getProperty("aws.region"));
        if (fromSystem != null) {
            return checkedRegion(fromSystem, "the aws.region system property");
        }
        for (String var : List.of("AWS_REGION", "AWS_DEFAULT_REGION")) {
            String v = blankToNull(env.apply(var));
            if (v != null) {
                return checkedRegion(v, var);
            }
        }
        if (settings.mode() == ConnectionSettings.Mode.DEFAULT_CHAIN) {
            String profile = Optional.ofNullable(blankToNull(env.apply("AWS_PROFILE"))).orElse("default");
            Optional<String> r = readProfiles(files).profile(profile).flatMap(p -> p.property("region"))
                    .map(String::strip).filter(s -> !s.isEmpty());
            if (r.isPresent()) {
                return checkedRegion(r.get(), "the region of profile '" + profile + "'");
            }
        }
        String where = settings.mode() == ConnectionSettings.Mode.PROFILE
                ? "Profile '" + settings.profile() + "' names no region, and AWS_REGION is not set."
                : "No region was chosen and AWS_REGION is not set.";
        throw new ProblemException(Problem.of(Problem.Kind.INPUT, "No AWS region chosen for the KMS key", where,
                "Choose the region the KMS key should live in (for example --region " + KmsRegions.DEFAULT
                        + "); NPS asks for the same region at the end."));
    }

    private static String checkedRegion(String region, String source) {
        String r = region.strip().toLowerCase(Locale.ROOT);
        if (!KmsRegions.looksLikeRegion(r)) {
            throw new ProblemException(Problem.of(Problem.Kind.INPUT, "'" + region + "' is not an AWS region code",
                    "It comes from " + source + ".", "Use a region code such as us-east-1 or eu-west-1."));
        }
        return r;
    }

    private static URI endpoint(ConnectionSettings settings, Function<String, String> env) {
        URI uri = settings.endpoint();
        String source = "the endpoint you chose";
        if (uri == null && settings.mode() != ConnectionSettings.Mode.SANDBOX) {
            String v = blankToNull(env.apply("AWS_ENDPOINT_URL"));
            if (v != null) {
                source = "AWS_ENDPOINT_URL";
                try {
                    uri = URI.create(v.strip());
                } catch (IllegalArgumentException e) {
                    throw badEndpoint(v, source);
                }
            }
        }
        if (uri == null) {
            if (settings.mode() == ConnectionSettings.Mode.SANDBOX) {
                throw new ProblemException(Problem.of(Problem.Kind.INPUT, "The Sandbox has no endpoint",
                        "Sandbox mode needs the address of a running sandbox.", "Start the sandbox first."));
            }
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw badEndpoint(uri.toString(), source);
        }
        return uri;
    }

    private static ProblemException badEndpoint(String value, String source) {
        return new ProblemException(Problem.of(Problem.Kind.INPUT, "'" + value + "' is not a usable endpoint URL",
                "It comes from " + source + ".", "Use a full URL such as https://kms.eu-west-1.amazonaws.com or "
                        + "http://127.0.0.1:4566, or leave the endpoint empty for AWS itself."));
    }

    private static AwsCredentialsProvider credentials(ConnectionSettings s, AwsConfigFiles files,
                                                      Function<String, String> env) {
        switch (s.mode()) {
            case KEYS:
            case SANDBOX: {
                String id = blankToNull(s.accessKeyId());
                if (id == null || s.secretAccessKey() == null || s.secretAccessKey().isEmpty()) {
                    throw new ProblemException(Problem.of(Problem.Kind.INPUT,
                            "An access key id and its secret access key are both needed", "",
                            "Enter both (the secret is shown once, when the key is created in the IAM console)."));
                }
                String secret = s.secretAccessKey().reveal();
                SecretText token = s.sessionToken();
                if (token != null && !token.isEmpty()) {
                    return StaticCredentialsProvider.create(
                            AwsSessionCredentials.create(id.strip(), secret.strip(), token.reveal().strip()));
                }
                return StaticCredentialsProvider.create(AwsBasicCredentials.create(id.strip(), secret.strip()));
            }
            case PROFILE: {
                String name = blankToNull(s.profile());
                if (name == null) {
                    name = "default";
                }
                ProfileFile pf = readProfiles(files);
                Optional<Profile> profile = pf.profile(name);
                if (profile.isEmpty()) {
                    List<String> names = new ArrayList<>(pf.profiles().keySet());
                    names.sort(String::compareToIgnoreCase);
                    throw new ProblemException(Problem.of(Problem.Kind.INPUT,
                            "There is no AWS profile named '" + name + "'",
                            "Looked in " + files.config() + " and " + files.credentials() + ".",
                            names.isEmpty() ? "Create one with `aws configure --profile " + name
                                    + "` (or `aws configure sso`)."
                                    : "Use one of: " + String.join(", ", names) + "."));
                }
                String profileName = name;
                ProfileCredentialsProvider provider = ProfileCredentialsProvider.builder()
                        .profileFile(pf).profileName(name).build();
                return new NamedProfileCredentials(provider, profileName);
            }
            case DEFAULT_CHAIN:
            default: {
                DefaultCredentialsProvider.Builder b = DefaultCredentialsProvider.builder();
                Supplier<ProfileFile> pf = () -> readProfiles(files);
                b.profileFile(pf);
                String p = blankToNull(env.apply("AWS_PROFILE"));
                if (p != null) {
                    b.profileName(p);
                }
                return b.build();
            }
        }
    }

    private static ProfileFile readProfiles(AwsConfigFiles files) {
        try {
            return files.profileFile();
        } catch (RuntimeException e) {
            throw new ProblemException(Problem.of(Problem.Kind.INPUT, "The AWS config files could not be read",
                    Problems.scrub(String.valueOf(e.getMessage())),
                    "Fix " + files.config() + " or " + files.credentials() + " (or run `aws configure`)."));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    public ConnectionSettings settings() {
        return settings;
    }

    /** The region KMS lives in for this run (one of the four values NPS asks for). */
    public String region() {
        return region;
    }

    /** The endpoint override in use, or null for AWS's own endpoints. */
    public URI endpoint() {
        return endpoint;
    }

    /** The operator's credentials (resolved by the SDK on first use). */
    public AwsCredentialsProvider credentials() {
        return credentials;
    }

    public synchronized IamClient iam() {
        if (iam == null) {
            iam = iamAs(credentials);
        }
        return iam;
    }

    public synchronized KmsClient kms() {
        if (kms == null) {
            kms = kmsAs(credentials);
        }
        return kms;
    }

    public synchronized StsClient sts() {
        if (sts == null) {
            sts = track(StsClient.builder().httpClient(http()).region(Region.of(region)).credentialsProvider(credentials)
                    .overrideConfiguration(overrides()).applyMutation(b -> {
                        if (endpoint != null) {
                            b.endpointOverride(endpoint);
                        }
                    }).build());
        }
        return sts;
    }

    /** A KMS client for the same region and endpoint acting with other credentials (verify as the NPS user). */
    public synchronized KmsClient kmsAs(AwsCredentialsProvider other) {
        return track(KmsClient.builder().httpClient(http()).region(Region.of(region)).credentialsProvider(other)
                .overrideConfiguration(overrides()).applyMutation(b -> {
                    if (endpoint != null) {
                        b.endpointOverride(endpoint);
                    }
                }).build());
    }

    /** An IAM client for the same endpoint acting with other credentials. */
    public synchronized IamClient iamAs(AwsCredentialsProvider other) {
        return track(IamClient.builder().httpClient(http()).region(globalRegion()).credentialsProvider(other)
                .overrideConfiguration(overrides()).applyMutation(b -> {
                    if (endpoint != null) {
                        b.endpointOverride(endpoint);
                    }
                }).build());
    }

    /** IAM is global: its partition follows the KMS region (China and GovCloud have their own IAM). */
    private Region globalRegion() {
        if (region.startsWith("cn-")) {
            return Region.AWS_CN_GLOBAL;
        }
        if (region.startsWith("us-gov-")) {
            return Region.AWS_US_GOV_GLOBAL;
        }
        return Region.AWS_GLOBAL;
    }

    /** {@code sts:GetCallerIdentity}: account id and caller ARN. Throws {@link ProblemException} on failure. */
    public CallerIdentity whoAmI() {
        synchronized (this) {
            if (me != null) {
                return me;
            }
        }
        try {
            GetCallerIdentityResponse r = sts().getCallerIdentity();
            CallerIdentity id = new CallerIdentity(r.account(), r.arn(), r.userId());
            synchronized (this) {
                me = id;
            }
            return id;
        } catch (RuntimeException e) {
            throw Problems.wrap(e, "Checking who you are signed in as (sts:GetCallerIdentity)");
        }
    }

    private SdkHttpClient http() {
        if (closed) {
            throw new IllegalStateException("session closed");
        }
        if (http == null) {
            http = UrlConnectionHttpClient.create();
        }
        return http;
    }

    private ClientOverrideConfiguration overrides() {
        ClientOverrideConfiguration.Builder b = ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD);
        interceptors.forEach(b::addExecutionInterceptor);
        return b.build();
    }

    private <T extends SdkAutoCloseable> T track(T client) {
        opened.add(client);
        return client;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (SdkAutoCloseable c : opened) {
            try {
                c.close();
            } catch (RuntimeException ignored) {
                // closing is best effort; nothing useful to tell the user
            }
        }
        opened.clear();
        if (http != null) {
            http.close();
        }
        if (credentials instanceof SdkAutoCloseable c) {
            c.close();
        }
    }

    /**
     * A profile's credentials that, when they cannot be resolved (SSO token missing or expired, no keys in the
     * profile), fail with a problem naming the profile, so the message can say which {@code aws sso login} to run.
     */
    static final class NamedProfileCredentials implements AwsCredentialsProvider, SdkAutoCloseable {
        private final ProfileCredentialsProvider delegate;
        private final String profile;

        NamedProfileCredentials(ProfileCredentialsProvider delegate, String profile) {
            this.delegate = delegate;
            this.profile = profile;
        }

        @Override
        public software.amazon.awssdk.auth.credentials.AwsCredentials resolveCredentials() {
            try {
                return delegate.resolveCredentials();
            } catch (RuntimeException e) {
                // An SDK failure carrying the plain words, so whoever made the call puts its own heading on them.
                Problem p = Problems.forProfile(e, "Signing in with AWS profile '" + profile + "'", profile);
                throw SdkClientException.builder().message(p.toText()).cause(new ProblemException(p)).build();
            }
        }

        @Override
        public void close() {
            delegate.close();
        }

        @Override
        public String toString() {
            return "ProfileCredentials[" + profile + "]";
        }
    }
}
