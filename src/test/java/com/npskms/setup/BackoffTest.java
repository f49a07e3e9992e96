package com.npskms.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final class NotYet extends RuntimeException {
    }

    @Test
    void retriesWhileNotVisibleYetAndReportsTheWait() {
        AtomicInteger calls = new AtomicInteger();
        List<String> progress = new ArrayList<>();
        String result = Backoff.fast(Duration.ofSeconds(5)).retry("the new user to be visible to KMS",
                t -> t instanceof NotYet, (m, f) -> progress.add(m), () -> {
                    if (calls.incrementAndGet() < 4) {
                        throw new NotYet();
                    }
                    return "done";
                });
        assertEquals("done", result);
        assertEquals(4, calls.get());
        assertTrue(progress.stream().anyMatch(m -> m.startsWith("Waiting for the new user to be visible to KMS")),
                progress.toString());
    }

    @Test
    void anyOtherFailureEndsAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        IllegalStateException boom = new IllegalStateException("wrong");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Backoff.fast(Duration.ofSeconds(5))
                .retry("x", t -> t instanceof NotYet, Progress.NONE, () -> {
                    calls.incrementAndGet();
                    throw boom;
                }));
        assertSame(boom, thrown);
        assertEquals(1, calls.get());
    }

    @Test
    void givesUpWithTheLastFailureWhenTheWaitIsSpent() {
        AtomicInteger calls = new AtomicInteger();
        assertThrows(NotYet.class, () -> Backoff.fast(Duration.ofMillis(300)).retry("x", t -> t instanceof NotYet,
                Progress.NONE, () -> {
                    calls.incrementAndGet();
                    throw new NotYet();
                }));
        assertTrue(calls.get() > 1, "tried more than once: " + calls.get());
    }

    @Test
    void theStandardWaitIsAboutTwoMinutes() {
        assertEquals(Duration.ofMinutes(2), Backoff.standard().total());
    }
}
