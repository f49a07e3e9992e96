package com.npskms.sandbox;

import java.time.Duration;

/** Test and demo knobs of a running sandbox, all off by default. Thread-safe. */
public interface SandboxKnobs {

    /** How an injected fault answers. */
    enum Fault {
        /** IAM/STS {@code Throttling} (HTTP 400), KMS {@code ThrottlingException} (HTTP 400). */
        THROTTLING,
        /** HTTP 500 InternalFailure / KMSInternalException. */
        HTTP_500,
        /** HTTP 503 ServiceUnavailable. */
        HTTP_503,
        /** The connection is closed without an answer. */
        DROP_CONNECTION
    }

    /** Added before every answer, to stand in for a real AWS round trip. */
    void latency(Duration perCall);

    /** A new access key or user becomes usable/visible to KMS only after this long. */
    void propagationDelay(Duration delay);

    /** The next {@code times} calls of {@code action} (e.g. "CreateKey", or "*" for any) answer with {@code fault}. */
    void failNext(String action, Fault fault, int times);

    /** This fraction (0..1) of all calls answer with {@code fault}; 0 turns it off. */
    void failRate(double fraction, Fault fault);

    /** Removes every injected fault. */
    void clearFaults();
}
