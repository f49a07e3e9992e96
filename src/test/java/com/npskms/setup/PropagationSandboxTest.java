package com.npskms.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.npskms.sandbox.Sandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sandbox where a new user or access key becomes visible only after a while, as in AWS. */
class PropagationSandboxTest {
    static SandboxFixture fx;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSandbox() {
        fx = new SandboxFixture(Sandbox.Options.defaults().withPropagationDelay(Duration.ofMillis(1500)));
    }

    @AfterAll
    static void stopSandbox() {
        fx.close();
    }

    @Test
    void createKeyIsRetriedWhileTheNewUserIsAnInvalidPrincipalAndVerifyWaitsForTheNewKey() {
        SetupState s = fx.state();
        List<String> progress = new CopyOnWriteArrayList<>();
        SetupRun run = fx.start(s, new Journal(dir));
        run.runRemaining((m, f) -> progress.add(m));

        assertTrue(progress.stream().anyMatch(m -> m.startsWith("Waiting for the new user to be visible to KMS")),
                "CreateKey waited: " + progress);
        assertEquals(SandboxFixture.completeRun(s), fx.snapshot(s), "one key, no duplicate from the retries");
        assertTrue(s.verification.roundTrip());
    }

    @Test
    void verifyWaitsOutANewAccessKey() {
        SetupState s = fx.state();
        SetupRun run = fx.start(s, new Journal(dir));
        for (StepId id : List.of(StepId.POLICY, StepId.USER, StepId.ACCESS_KEY, StepId.KMS_KEY, StepId.LEAST_PRIVILEGE)) {
            run.run(id, Progress.NONE);
        }
        // A key that is brand new again: replace it, then verify at once.
        List<String> progress = new CopyOnWriteArrayList<>();
        s.secretAccessKey = null;
        run.state().completed.remove(StepId.ACCESS_KEY);
        run.run(StepId.ACCESS_KEY, Progress.NONE);
        run.run(StepId.VERIFY, (m, f) -> progress.add(m));
        assertTrue(progress.stream().anyMatch(m -> m.startsWith("Waiting for the new access key to be accepted by KMS")),
                "verify waited: " + progress);
        assertTrue(s.verification.roundTrip());
        assertEquals(1, fx.iam().listAccessKeys(b -> b.userName(s.userName)).accessKeyMetadata().size());
    }
}
