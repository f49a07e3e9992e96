package com.npskms.aws;

import com.npskms.setup.Progress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits out IAM/KMS eventual consistency: retries a call while it fails with one of the given propagation
 * errors, with exponential backoff and jitter, for up to about two minutes, telling the user that the wait is
 * normal ("Waiting for AWS to make the new user visible to KMS… 12 s"). Any other failure ends it at once.
 * <pre>
 * KeyMetadata key = Propagation.waitingFor("AWS to make the new user visible to KMS")
 *         .onInvalidPrincipal().progress(progress).call(() -> kms.createKey(request)).keyMetadata();
 * </pre>
 */
public final class Propagation {

    /** Sleeps; tests pass one that only moves a fake clock. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** About as long as Terraform waits for IAM changes to reach KMS. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofMinutes(2);
    static final Duration FIRST_DELAY = Duration.ofMillis(500);
    static final Duration MAX_DELAY = Duration.ofSeconds(10);

    /** Codes that, just after a create, mean "not visible yet" rather than "wrong". */
    public static final Set<String> NEW_CREDENTIALS = Set.of("InvalidClientTokenId", "UnrecognizedClientException");

    private final String waitingFor;
    private final Set<String> codes = new HashSet<>();
    private Predicate<Throwable> extra = t -> false;
    private Progress progress = Progress.NONE;
    private Duration maxWait = DEFAULT_MAX_WAIT;
    private Sleeper sleeper = d -> Thread.sleep(d.toMillis());
    private LongSupplier nanoClock = System::nanoTime;
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

    private Propagation(String waitingFor) {
        this.waitingFor = waitingFor;
    }

    /** Starts a wait described as "Waiting for {@code what}…", e.g. "AWS to make the new user visible to KMS". */
    public static Propagation waitingFor(String what) {
        return new Propagation(what);
    }

    /** Retries on these AWS error codes (e.g. "NotFoundException", "AccessDeniedException"). */
    public Propagation onCodes(String... awsCodes) {
        codes.addAll(List.of(awsCodes));
        return this;
    }

    /** Retries on {@code CreateKey}'s "invalid principals" (the new user not yet known to KMS). */
    public Propagation onInvalidPrincipal() {
        Predicate<Throwable> before = extra;
        extra = before.or(Propagation::isInvalidPrincipal);
        return this;
    }

    /** Retries on what a brand-new access key answers until it is live. */
    public Propagation onNewCredentials() {
        codes.addAll(NEW_CREDENTIALS);
        return this;
    }

    /** Retries also when this test says so. */
    public Propagation onFailure(Predicate<Throwable> test) {
        Predicate<Throwable> before = extra;
        extra = before.or(test);
        return this;
    }

    public Propagation progress(Progress p) {
        this.progress = p == null ? Progress.NONE : p;
        return this;
    }

    public Propagation maxWait(Duration d) {
        this.maxWait = d;
        return this;
    }

    /** For tests: a sleeper and a clock (nanoseconds) that move together, and a source of jitter in [0,1). */
    public Propagation clock(Sleeper s, LongSupplier nanos, DoubleSupplier jitter) {
        this.sleeper = s;
        this.nanoClock = nanos;
        this.random = jitter;
        return this;
    }

    /** True for KMS's "invalid principals" answer to a key policy naming a user it does not see yet. */
    public static boolean isInvalidPrincipal(Throwable t) {
        if (!"MalformedPolicyDocumentException".equals(Problems.awsCode(t))) {
            return false;
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null && c.getMessage().toLowerCase(Locale.ROOT).contains("invalid principal")) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    /**
     * The pause before attempt {@code n+1} (n from 0): doubling from half a second up to ten seconds,
     * "equal jitter" (half fixed, half random) so parallel waiters spread out but never retry at once.
     */
    public static Duration delay(int n, double jitter) {
        long base = FIRST_DELAY.toMillis() << Math.min(n, 20);
        long capped = Math.min(base, MAX_DELAY.toMillis());
        return Duration.ofMillis(capped / 2 + Math.round(capped / 2.0 * jitter));
    }

    /** Runs the call, retrying while it fails with a propagation error; the last failure is rethrown as it was. */
    public <T> T call(Supplier<T> call) {
        long start = nanoClock.getAsLong();
        long limit = maxWait.toNanos();
        for (int attempt = 0; ; attempt++) {
            try {
                T result = call.get();
                if (attempt > 0) {
                    progress.update("AWS caught up after " + seconds(nanoClock.getAsLong() - start) + " s.", 1.0);
                }
                return result;
            } catch (RuntimeException e) {
                if (!retries(e)) {
                    throw e;
                }
                Duration pause = delay(attempt, random.getAsDouble());
                long elapsed = nanoClock.getAsLong() - start;
                if (elapsed + pause.toNanos() > limit) {
                    throw e;
                }
                String most = maxWait.toSeconds() >= 120 ? maxWait.toMinutes() + " min" : maxWait.toSeconds() + " s";
                progress.update("Waiting for " + waitingFor + "… " + seconds(elapsed) + " s (this is normal, up to "
                        + "about " + most + ")", Math.min(1.0, (double) elapsed / limit));
                try {
                    sleeper.sleep(pause);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new ProblemException(Problem.of(Problem.Kind.OTHER, "Stopped while waiting for "
                            + waitingFor, "The wait was cancelled.", "Resume when you are ready."));
                }
            }
        }
    }

    /** Runs a call that returns nothing, with the same waiting. */
    public void run(Runnable call) {
        call(() -> {
            call.run();
            return null;
        });
    }

    private boolean retries(RuntimeException e) {
        String code = Problems.awsCode(e);
        return (code != null && codes.contains(code)) || extra.test(e);
    }

    private static long seconds(long nanos) {
        return Math.round(nanos / 1e9);
    }
}
