package com.npskms.setup;

import com.npskms.aws.Propagation;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * How the steps wait out IAM/KMS propagation: {@link Propagation}'s exponential backoff with jitter (half a
 * second doubling to ten), up to a total wait (about 2 minutes by default), each wait reported as progress.
 * Tests use {@link #fast} so that a sandbox's propagation delay is polled in milliseconds, not seconds.
 */
public final class Backoff {
    private final Duration total;
    private final int speedUp;

    private Backoff(Duration total, int speedUp) {
        this.total = total;
        this.speedUp = speedUp;
    }

    /** The real waits: up to 2 minutes in all, as Terraform waits for IAM. */
    public static Backoff standard() {
        return new Backoff(Propagation.DEFAULT_MAX_WAIT, 1);
    }

    /** The same schedule fifty times faster (10 ms doubling to 200 ms), up to {@code total}: for tests. */
    public static Backoff fast(Duration total) {
        return new Backoff(total, 50);
    }

    public Duration total() {
        return total;
    }

    /**
     * Calls {@code call} until it succeeds, or fails with an error {@code retryable} does not accept, or the
     * total wait is spent (then the last error is thrown as it was). {@code waitingFor} completes "Waiting for …".
     */
    public <T> T retry(String waitingFor, Predicate<Throwable> retryable, Progress progress, Supplier<T> call) {
        Propagation p = Propagation.waitingFor(waitingFor).onFailure(retryable).progress(progress);
        if (speedUp > 1) {
            // The same schedule on a clock that runs speedUp times faster: total stays the real-time budget.
            long origin = System.nanoTime();
            p.maxWait(total.multipliedBy(speedUp))
                    .clock(d -> Thread.sleep(Math.max(1, d.toMillis() / speedUp)),
                            () -> (System.nanoTime() - origin) * speedUp, () -> ThreadLocalRandom.current().nextDouble());
        } else {
            p.maxWait(total);
        }
        return p.call(call);
    }

    /** The same for a call without a result. */
    public void retry(String waitingFor, Predicate<Throwable> retryable, Progress progress, Runnable call) {
        retry(waitingFor, retryable, progress, () -> {
            call.run();
            return null;
        });
    }
}
