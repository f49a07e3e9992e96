package com.npskms.sandbox;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

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
    }

    /** Starts a sandbox on a free loopback port with in-memory state. */
    public static Sandbox start() {
        return start(Options.defaults());
    }

    /** Starts a sandbox with the given options. */
    public static Sandbox start(Options options) {
        throw new UnsupportedOperationException("sandbox not built yet");
    }

    /** {@code http://127.0.0.1:PORT}: the endpoint override for IAM, KMS and STS clients alike. */
    public URI endpoint() {
        throw new UnsupportedOperationException();
    }

    /** The region the sandbox's KMS lives in (us-east-1); IAM and STS accept any. */
    public String region() {
        return "us-east-1";
    }

    /** The sandbox account's 12-digit id. */
    public String accountId() {
        throw new UnsupportedOperationException();
    }

    /** The bootstrap administrator's access key id (allowed everything, like an account's admin). */
    public String adminAccessKeyId() {
        throw new UnsupportedOperationException();
    }

    /** The bootstrap administrator's secret access key. */
    public String adminSecretAccessKey() {
        throw new UnsupportedOperationException();
    }

    /** Latency, propagation delay and fault injection, changeable while running. */
    public SandboxKnobs knobs() {
        throw new UnsupportedOperationException();
    }

    /** Stops serving (and writes the state file, when one is set). */
    @Override
    public void close() {
    }
}
