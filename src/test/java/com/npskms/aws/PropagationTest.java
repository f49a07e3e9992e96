package com.npskms.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Backoff schedule and retry decisions, with a fake clock so nothing really sleeps. */
class PropagationTest {

    long now;
    final List<Duration> slept = new ArrayList<>();
    final List<String> shown = new ArrayList<>();

    Propagation fake(String what) {
        return Propagation.waitingFor(what).clock(d -> {
            slept.add(d);
            now += d.toNanos();
        }, () -> now, () -> 0.5).progress((m, f) -> shown.add(m));
    }

    static AwsServiceException invalidPrincipal() {
        return ProblemsTest.kms("MalformedPolicyDocumentException",
                "Policy contains a statement with one or more invalid principals.", 400);
    }

    @Test
    void scheduleDoublesFromHalfASecondUpToTenSecondsWithJitter() {
        assertEquals(Duration.ofMillis(250), Propagation.delay(0, 0.0));
        assertEquals(Duration.ofMillis(500), Propagation.delay(0, 1.0));
        assertEquals(Duration.ofMillis(1500), Propagation.delay(2, 0.5));
        assertEquals(Duration.ofSeconds(5), Propagation.delay(10, 0.0));
        assertEquals(Duration.ofSeconds(10), Propagation.delay(30, 1.0));
        for (int n = 1; n < 8; n++) {
            assertTrue(Propagation.delay(n, 0.5).compareTo(Propagation.delay(n - 1, 0.5)) >= 0);
        }
    }

    @Test
    void retriesInvalidPrincipalUntilItWorksAndSaysWhyItWaits() {
        AtomicInteger calls = new AtomicInteger();
        String result = fake("AWS to make the new user visible to KMS").onInvalidPrincipal().call(() -> {
            if (calls.incrementAndGet() < 4) {
                throw invalidPrincipal();
            }
            return "key";
        });
        assertEquals("key", result);
        assertEquals(4, calls.get());
        assertEquals(3, slept.size());
        assertTrue(shown.get(0).startsWith("Waiting for AWS to make the new user visible to KMS… 0 s"), shown.get(0));
        assertTrue(shown.get(shown.size() - 1).startsWith("AWS caught up"), shown.toString());
    }

    @Test
    void givesUpAfterAboutTwoMinutesWithTheLastFailure() {
        AtomicInteger calls = new AtomicInteger();
        AwsServiceException last = invalidPrincipal();
        AwsServiceException thrown = assertThrows(AwsServiceException.class,
                () -> fake("the user").onInvalidPrincipal().call(() -> {
                    calls.incrementAndGet();
                    throw last;
                }));
        assertSame(last, thrown);
        assertTrue(now <= Duration.ofMinutes(2).toNanos());
        assertTrue(now > Duration.ofSeconds(100).toNanos(), "waited " + now / 1e9 + " s");
        assertTrue(calls.get() > 5 && calls.get() < 30, "calls " + calls.get());
    }

    @Test
    void otherFailuresAreNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        assertThrows(AwsServiceException.class, () -> fake("x").onInvalidPrincipal().onCodes("NotFoundException")
                .call(() -> {
                    calls.incrementAndGet();
                    throw ProblemsTest.kms("MalformedPolicyDocumentException", "Syntax error", 400);
                }));
        assertEquals(1, calls.get());
        assertTrue(slept.isEmpty());
    }

    @Test
    void newAccessKeyCodesAreRetriedWhenAsked() {
        AtomicInteger calls = new AtomicInteger();
        fake("the new access key to work").onNewCredentials().onCodes("AccessDeniedException").run(() -> {
            int n = calls.incrementAndGet();
            if (n == 1) {
                throw ProblemsTest.kms("UnrecognizedClientException", "The security token is invalid", 400);
            }
            if (n == 2) {
                throw ProblemsTest.kms("AccessDeniedException", "not authorized to perform: kms:Encrypt", 400);
            }
        });
        assertEquals(3, calls.get());
    }
}
