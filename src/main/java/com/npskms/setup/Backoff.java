package com.npskms.setup;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waiting out IAM/KMS propagation: retries a call while it fails with a "not visible yet" error, with
 * exponential backoff and jitter, up to a total wait (about 2 minutes by default), reporting each wait.
 */
public final class Backoff {
    private final Duration first;
    private final Duration longest;
    private final Duration total;

    public Backoff(Duration first, Duration longest, Duration total) {
        this.first = first;
        this.longest = longest;
        this.total = total;
    }

    /** 0.5 s doubling to 10 s between tries, up to 2 minutes in all (as Terraform waits for IAM). */
    public static Backoff standard() {
        return new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofMinutes(2));
    }

    /** Short waits for tests against the sandbox: 10 ms doubling to 200 ms, up to {@code total}. */
    public static Backoff fast(Duration total) {
        return new Backoff(Duration.ofMillis(10), Duration.ofMillis(200), total);
    }

    public Duration total() {
        return total;
    }

    /**
     * Calls {@code call} until it succeeds, or fails with an error {@code retryable} does not accept, or the
     * total wait is spent (then the last error is thrown). {@code waitingFor} completes "Waiting for …".
     */
    public <T> T retry(String waitingFor, Predicate<Throwable> retryable, Progress progress, Supplier<T> call) {
        long start = System.nanoTime();
        long deadline = start + total.toNanos();
        long delay = first.toMillis();
        int attempt = 0;
        while (true) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                attempt++;
                long now = System.nanoTime();
                if (!retryable.test(e) || now >= deadline) {
                    throw e;
                }
                long jittered = delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
                long sleep = Math.min(jittered, Math.max(1, (deadline - now) / 1_000_000));
                long waited = (now - start) / 1_000_000_000;
                progress.update("Waiting for " + waitingFor + " (normal after a change in AWS; "
                        + waited + " s of up to " + total.toSeconds() + " s, try " + attempt + ")",
                        Math.min(1.0, (double) (now - start) / total.toNanos()));
                try {
                    Thread.sleep(sleep);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                delay = Math.min(delay * 2, longest.toMillis());
            }
        }
    }

    /** The same for a call without a result. */
    public void retry(String waitingFor, Predicate<Throwable> retryable, Progress progress, Runnable call) {
        retry(waitingFor, retryable, progress, () -> {
            call.run();
            return null;
        });
    }
}
