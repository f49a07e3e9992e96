package com.npskms.setup;

import com.npskms.aws.AwsSession;
import com.npskms.aws.Problems;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What every step shares in a run: the AWS session, the propagation backoff, and the journal. The journal is
 * written (atomically, durably) before every AWS change with the intent; the outcome is written after, together
 * with the next intent or at the end of the step, whichever comes first — one write instead of two, and safe:
 * until the outcome is on disk the intent is, and a resume finds by name what an intended call made.
 */
final class StepContext {
    final AwsSession session;
    volatile Backoff backoff;
    private final Consumer<SetupState> checkpoint;
    private boolean dirty;

    StepContext(AwsSession session, Backoff backoff, Consumer<SetupState> checkpoint) {
        this.session = session;
        this.backoff = backoff;
        this.checkpoint = checkpoint;
    }

    /**
     * Journals the intent ({@code action}, e.g. "iam CreateUser nps-kms-user"), then makes the call. The
     * caller records the outcome in the state and calls {@link #settled}. A failure leaves the intent in the
     * journal, so a resume looks for what the call may have made before trying again.
     */
    <T> T intend(SetupState s, StepId step, String action, Supplier<T> call) {
        s.pendingAction = action;
        s.pendingStep = step;
        s.pendingSince = Instant.now().toString();
        write(s);
        try {
            return call.get();
        } catch (RuntimeException e) {
            if (rejected(e)) {
                settled(s); // AWS refused the call: it made nothing
            }
            throw e;
        }
    }

    /** True when AWS answered with a client error (4xx): the request was refused and changed nothing. */
    static boolean rejected(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof software.amazon.awssdk.awscore.exception.AwsServiceException ase) {
                int status = ase.statusCode();
                return status >= 400 && status < 500 && !ase.isThrottlingException();
            }
        }
        return false;
    }

    void intend(SetupState s, StepId step, String action, Runnable call) {
        intend(s, step, action, () -> {
            call.run();
            return null;
        });
    }

    /** Records the outcome of the last intended call; it reaches the journal with the next write. */
    void settled(SetupState s) {
        s.pendingAction = null;
        s.pendingStep = null;
        s.pendingSince = null;
        dirty = true;
    }

    /** Marks the state changed (a reuse decision, a roll back action); it reaches the journal with the next write. */
    void save(SetupState s) {
        dirty = true;
    }

    /** Writes the journal now. */
    void write(SetupState s) {
        checkpoint.accept(s);
        dirty = false;
    }

    /** Writes the journal if something changed since the last write. */
    void flush(SetupState s) {
        if (dirty) {
            write(s);
        }
    }

    private static final java.util.concurrent.ExecutorService BACKGROUND =
            java.util.concurrent.Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "nps-kms-setup-aws");
                t.setDaemon(true);
                return t;
            });

    /**
     * Runs an independent AWS call alongside the caller's (the SDK clients are thread-safe), to save a round
     * trip where the order does not matter.
     */
    static <T> java.util.concurrent.CompletableFuture<T> alongside(Supplier<T> call) {
        return java.util.concurrent.CompletableFuture.supplyAsync(call, BACKGROUND);
    }

    /** The result of {@link #alongside}, its failure rethrown as it was. */
    static <T> T join(java.util.concurrent.CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    /** True when the journal says {@code action} was in flight when the last run stopped. */
    static boolean wasPending(SetupState s, String action) {
        return action.equals(s.pendingAction);
    }

    /** Runs an AWS call, turning any failure into a plain-words problem about {@code what}. */
    static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (com.npskms.aws.ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            throw Problems.wrap(e, what);
        }
    }

    static void call(String what, Runnable call) {
        call(what, () -> {
            call.run();
            return null;
        });
    }

    /** The ARN partition of the operator's account ("aws", "aws-cn", "aws-us-gov"). */
    static String partition(SetupState s) {
        if (s.callerArn != null && s.callerArn.startsWith("arn:")) {
            String[] parts = s.callerArn.split(":", 3);
            if (parts.length > 2 && !parts[1].isEmpty()) {
                return parts[1];
            }
        }
        return "aws";
    }

    static String policyArn(SetupState s) {
        return s.policyArn != null ? s.policyArn
                : "arn:" + partition(s) + ":iam::" + s.accountId + ":policy/" + s.policyName;
    }

    static String userArn(SetupState s) {
        return s.userArn != null ? s.userArn : "arn:" + partition(s) + ":iam::" + s.accountId + ":user/" + s.userName;
    }
}
