package com.npskms.aws;

import java.util.Objects;

/**
 * A failure in plain words: what failed, why, and what to do next, plus the AWS details
 * (error code, request id) for the expandable part of an error panel. Never holds a stack trace.
 */
public record Problem(Kind kind, String what, String why, String next, String awsCode, String requestId) {

    /** What sort of failure this is, which decides the actions offered (retry, reuse, rename, roll back). */
    public enum Kind {
        /** The operator lacks a permission; {@code next} names the action. */
        PERMISSION,
        /** A name is taken; reuse it (if it matches) or pick another. */
        CONFLICT,
        /** An AWS limit (two access keys, five policy versions). */
        LIMIT,
        /** A new resource is not visible yet; waiting is normal. */
        PROPAGATION,
        /** Credentials missing, expired, deleted or wrong. */
        CREDENTIALS,
        /** Network down, endpoint unreachable, throttled beyond retries. */
        NETWORK,
        /** Input that AWS (or our own validation) rejects. */
        INPUT,
        /** Something was not found. */
        NOT_FOUND,
        /** Anything else. */
        OTHER
    }

    public Problem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(what, "what");
        why = why == null ? "" : why;
        next = next == null ? "" : next;
    }

    public static Problem of(Kind kind, String what, String why, String next) {
        return new Problem(kind, what, why, next, null, null);
    }

    /** One paragraph for a terminal or a log line. */
    public String toText() {
        StringBuilder sb = new StringBuilder(what);
        if (!why.isBlank()) {
            sb.append("\n  Why: ").append(why);
        }
        if (!next.isBlank()) {
            sb.append("\n  What to do: ").append(next);
        }
        if (awsCode != null) {
            sb.append("\n  AWS error: ").append(awsCode);
            if (requestId != null) {
                sb.append(" (request id ").append(requestId).append(')');
            }
        }
        return sb.toString();
    }
}
