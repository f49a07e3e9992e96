package com.npskms.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * A local AWS endpoint on loopback speaking the real IAM and STS (Query/XML) and KMS (JSON 1.1) wire
 * protocols, with signatures checked and permissions enforced, for Sandbox mode and for tests.
 * <pre>
 * try (Sandbox sandbox = Sandbox.start()) {
 *     IamClient iam = IamClient.builder().endpointOverride(sandbox.endpoint())
 *         .region(Region.AWS_GLOBAL).credentialsProvider(sandbox.adminCredentialsProvider()).build();
 * }
 * </pre>
 */
public final class Sandbox implements AutoCloseable {
    private static final String STS_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
    private static final String REGION = "us-east-1";
    private static final AtomicInteger THREADS = new AtomicInteger();

    static {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK:
        // about 40 ms per call instead of about one. Read once, when the JDK's server configuration loads.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** Options fixed at start; see {@link #knobs()} for what can change while it runs. */
    public record Options(int port, Path stateFile, Duration latency, Duration propagationDelay, String accountId) {
        public static Options defaults() {
            return new Options(0, null, Duration.ZERO, Duration.ZERO, "123456789012");
        }

        public Options withPort(int p) {
            return new Options(p, stateFile, latency, propagationDelay, accountId);
        }

        public Options withStateFile(Path f) {
            return new Options(port, f, latency, propagationDelay, accountId);
        }

        public Options withLatency(Duration d) {
            return new Options(port, stateFile, d, propagationDelay, accountId);
        }

        public Options withPropagationDelay(Duration d) {
            return new Options(port, stateFile, latency, d, accountId);
        }

        public Options withAccountId(String id) {
            return new Options(port, stateFile, latency, propagationDelay, id);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Account account;
    private final LiveKnobs knobs;
    private final IamApi iam;
    private final KmsApi kms;
    private final Path stateFile;
    private final URI endpoint;
    private volatile boolean closed;

    private Sandbox(Options options) throws IOException {
        String accountId = options.accountId() == null ? "123456789012" : options.accountId();
        if (!accountId.matches("\\d{12}")) {
            throw new IllegalArgumentException("The account id must be 12 digits");
        }
        this.stateFile = options.stateFile();
        SandboxState state = null;
        if (stateFile != null && Files.exists(stateFile)) {
            state = WireFormat.JSON.readValue(stateFile.toFile(), SandboxState.class);
        }
        if (state == null) {
            state = Account.seed(accountId, new SecureRandom(), System.currentTimeMillis());
        }
        this.account = new Account(state, REGION, System::currentTimeMillis);
        this.knobs = new LiveKnobs(account, options.latency(), options.propagationDelay());
        this.iam = new IamApi(account);
        this.kms = new KmsApi(account);
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sandbox-http-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        this.server = HttpServer.create(new InetSocketAddress(loopback, options.port()), 128);
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
        this.endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        if (stateFile != null) {
            save();
        }
    }

    /** Starts a sandbox on a free loopback port with in-memory state. */
    public static Sandbox start() {
        return start(Options.defaults());
    }

    /** Starts a sandbox with the given options. */
    public static Sandbox start(Options options) {
        try {
            return new Sandbox(options);
        } catch (IOException e) {
            throw new UncheckedIOException("The sandbox could not start: " + e.getMessage(), e);
        }
    }

    /** {@code http://127.0.0.1:PORT}: the endpoint override for IAM, KMS and STS clients alike. */
    public URI endpoint() {
        return endpoint;
    }

    /** The region the sandbox's KMS lives in (us-east-1); IAM accepts aws-global and us-east-1, STS any region. */
    public String region() {
        return REGION;
    }

    /** The sandbox account's 12-digit id. */
    public String accountId() {
        return account.id();
    }

    /** The bootstrap administrator's access key id (allowed everything, like an account's admin). */
    public String adminAccessKeyId() {
        return account.state.adminAccessKeyId;
    }

    /** The bootstrap administrator's secret access key. */
    public String adminSecretAccessKey() {
        synchronized (account) {
            return account.state.accessKeys.get(account.state.adminAccessKeyId).secret;
        }
    }

    /** The bootstrap administrator's IAM user name. */
    public String adminUserName() {
        return account.state.adminUserName;
    }

    /** Static credentials of the bootstrap administrator, for SDK clients. */
    public AwsCredentialsProvider adminCredentialsProvider() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(adminAccessKeyId(), adminSecretAccessKey()));
    }

    /** Latency, propagation delay and fault injection, changeable while running. */
    public SandboxKnobs knobs() {
        return knobs;
    }

    /** Stops serving (and writes the state file, when one is set). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stop(0);
        executor.shutdownNow();
        if (stateFile != null) {
            synchronized (account) {
                save();
            }
        }
    }

    // ---------------------------------------------------------------- one request

    private void serve(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
            String target = first(headers, "x-amz-target");
            boolean json = target != null && target.startsWith("TrentService.");
            String action;
            QueryParams params = null;
            JsonNode input = null;
            try {
                if (json) {
                    action = target.substring("TrentService.".length());
                    input = body.length == 0 ? WireFormat.JSON.createObjectNode() : WireFormat.JSON.readTree(body);
                    if (input == null || !input.isObject()) {
                        throw new AwsError(400, "SerializationException", "The request body is not a JSON object.");
                    }
                } else {
                    String form = new String(body, StandardCharsets.UTF_8);
                    String raw = exchange.getRequestURI().getRawQuery();
                    params = new QueryParams(form.isEmpty() && raw != null ? raw : form);
                    action = params.get("Action") == null ? "" : params.get("Action");
                }
            } catch (IOException e) {
                respond(exchange, true, new AwsError(400, "SerializationException", "The request body is not valid JSON."),
                        requestId);
                return;
            } catch (AwsError e) {
                respond(exchange, json, e, requestId);
                return;
            }

            SandboxKnobs.Fault fault = knobs.faultFor(action);
            long latency = knobs.latencyMillis();
            if (latency > 0) {
                sleep(latency);
            }
            if (fault != null) {
                injectFault(exchange, json, fault, requestId);
                return;
            }
            try {
                SignatureCheck.Authorization auth = SignatureCheck.Authorization.parse(first(headers, "authorization"));
                if (auth == null) {
                    throw json ? new AwsError(400, "MissingAuthenticationTokenException", "Missing Authentication Token")
                            : new AwsError(403, "MissingAuthenticationToken", "Request is missing Authentication Token");
                }
                String service = auth.service();
                if (json != "kms".equals(service)) {
                    throw json ? new AwsError(400, "InvalidSignatureException", "Credential should be scoped to correct "
                            + "service: 'kms'.") : queryProtocolService(service);
                }
                byte[] answer;
                synchronized (account) {
                    Caller caller = authenticate(auth, exchange, headers, body, json);
                    String out;
                    if (json) {
                        SdkPojo result = kms.handle(action, input, caller);
                        out = result == null ? "{}" : WireFormat.json(result).toString();
                    } else if ("sts".equals(service)) {
                        out = WireFormat.queryResponse(action, STS_NAMESPACE, sts(action, caller), requestId);
                    } else {
                        out = WireFormat.queryResponse(action, IamApi.NAMESPACE, iam.handle(action, params, caller),
                                requestId);
                    }
                    recordUse(caller, service, auth.region());
                    if (stateFile != null && (IamApi.MUTATING.contains(action) || KmsApi.MUTATING.contains(action))) {
                        save();
                    }
                    answer = out.getBytes(StandardCharsets.UTF_8);
                }
                exchange.getResponseHeaders().set("Content-Type", json ? "application/x-amz-json-1.1" : "text/xml");
                exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
                exchange.sendResponseHeaders(200, answer.length);
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(answer);
                }
            } catch (AwsError e) {
                respond(exchange, json, e, requestId);
            } catch (RuntimeException e) {
                respond(exchange, json, json ? new AwsError(500, "KMSInternalException", "Internal error: " + e)
                        : new AwsError(500, "ServiceFailure", "Internal error: " + e, false), requestId);
            }
        }
    }

    private static AwsError queryProtocolService(String service) {
        return new AwsError(400, "InvalidAction", "The sandbox answers IAM and STS on this protocol, not '"
                + service + "'.");
    }

    private SdkPojo sts(String action, Caller caller) {
        if (!"GetCallerIdentity".equals(action)) {
            throw new AwsError(400, "InvalidAction", "Could not find operation " + action + " for version 2011-06-15");
        }
        return GetCallerIdentityResponse.builder().userId(caller.user().userId).account(account.id())
                .arn(caller.arn()).build();
    }

    /** The access key must exist, be Active, be live (propagation knob) and sign correctly. */
    private Caller authenticate(SignatureCheck.Authorization auth, HttpExchange exchange,
                                Map<String, List<String>> headers, byte[] body, boolean json) {
        SandboxState.AccessKey key = account.state.accessKeys.get(auth.accessKeyId());
        boolean isAdminKey = auth.accessKeyId().equals(account.state.adminAccessKeyId);
        if (key == null || !"Active".equals(key.status)
                || (!isAdminKey && account.now() < key.created + account.propagationMillis)) {
            throw json ? new AwsError(400, "UnrecognizedClientException",
                    "The security token included in the request is invalid.")
                    : new AwsError(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
        }
        boolean regionOk = json ? REGION.equals(auth.region())
                : !"iam".equals(auth.service()) || "aws-global".equals(auth.region()) || REGION.equals(auth.region());
        if (!regionOk) {
            String message = "Credential should be scoped to a valid region, not '" + auth.region()
                    + "'. The sandbox serves " + (json ? "KMS in " + REGION : "IAM in aws-global or " + REGION) + ".";
            throw json ? new AwsError(400, "InvalidSignatureException", message)
                    : new AwsError(403, "SignatureDoesNotMatch", message);
        }
        if (!SignatureCheck.fresh(headers, Instant.now())) {
            String message = "Signature expired: the request's X-Amz-Date is more than 15 minutes from the time now.";
            throw json ? new AwsError(400, "InvalidSignatureException", message)
                    : new AwsError(403, "SignatureDoesNotMatch", message);
        }
        String host = first(headers, "host");
        URI uri = URI.create("http://" + (host == null ? "127.0.0.1" : host) + exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
        if (!SignatureCheck.matches(auth, key.secret, exchange.getRequestMethod(), uri, headers, body)) {
            String message = "The request signature we calculated does not match the signature you provided. Check "
                    + "your AWS Secret Access Key and signing method. Consult the service documentation for details.";
            throw json ? new AwsError(400, "InvalidSignatureException", message)
                    : new AwsError(403, "SignatureDoesNotMatch", message);
        }
        SandboxState.User user = account.user(key.userName);
        if (user == null) {
            throw json ? new AwsError(400, "UnrecognizedClientException",
                    "The security token included in the request is invalid.")
                    : new AwsError(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
        }
        return new Caller(key.id, user, user.arn(account.id()), isAdminKey);
    }

    private void recordUse(Caller caller, String service, String region) {
        SandboxState.AccessKey key = account.state.accessKeys.get(caller.accessKeyId());
        if (key != null) {
            key.lastUsed = account.now();
            key.lastUsedService = service;
            key.lastUsedRegion = "aws-global".equals(region) ? REGION : region;
        }
    }

    private void injectFault(HttpExchange exchange, boolean json, SandboxKnobs.Fault fault, String requestId)
            throws IOException {
        switch (fault) {
            case DROP_CONNECTION -> exchange.close(); // no status line: the client sees the connection end
            case THROTTLING -> respond(exchange, json, json ? new AwsError(400, "ThrottlingException", "Rate exceeded")
                    : new AwsError(400, "Throttling", "Rate exceeded"), requestId);
            case HTTP_500 -> respond(exchange, json, json ? new AwsError(500, "KMSInternalException",
                    "The request was rejected because an internal exception occurred.")
                    : new AwsError(500, "ServiceFailure", "The request processing has failed because of an unknown "
                    + "error, exception or failure.", false), requestId);
            case HTTP_503 -> respond(exchange, json, json ? new AwsError(503, "ServiceUnavailableException",
                    "Service is unavailable.") : new AwsError(503, "ServiceUnavailable", "Service is unavailable.",
                    false), requestId);
        }
    }

    private static void respond(HttpExchange exchange, boolean json, AwsError e, String requestId) throws IOException {
        byte[] body;
        if (json) {
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            var node = WireFormat.JSON.createObjectNode().put("__type", e.code);
            if (e.getMessage() != null) {
                node.put("message", e.getMessage());
            }
            body = node.toString().getBytes(StandardCharsets.UTF_8);
        } else {
            exchange.getResponseHeaders().set("Content-Type", "text/xml");
            body = WireFormat.queryError(e, requestId).getBytes(StandardCharsets.UTF_8);
        }
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        exchange.sendResponseHeaders(e.status, body.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(body);
        }
    }

    /** Writes the state file atomically (temp file, then rename), readable by the owner only: it holds secrets. */
    private void save() {
        try {
            Path dir = stateFile.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp;
            try {
                tmp = Files.createTempFile(dir, ".sandbox-state", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                tmp = Files.createTempFile(dir, ".sandbox-state", ".tmp");
            }
            WireFormat.JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), account.state);
            Files.move(tmp, stateFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("The sandbox state could not be written to " + stateFile, e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
