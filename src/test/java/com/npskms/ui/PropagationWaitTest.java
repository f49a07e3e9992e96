package com.npskms.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * While AWS makes a new user visible to KMS (seconds to minutes in real accounts), the window says what it is
 * waiting for instead of freezing, and the step then succeeds on its own.
 */
class PropagationWaitTest extends WizardTestBase {

    @Test
    void waitingForTheNewUserIsShownThenTheKeyIsMade(FxRobot fx) {
        WizardRobot user = new WizardRobot(fx, wizard);
        user.startSetupInSandbox();
        sandbox.knobs().propagationDelay(Duration.ofSeconds(4));
        try {
            List<String> said = new CopyOnWriteArrayList<>();
            fx.interact(() -> wizard.statusProperty().addListener((o, a, b) -> said.add(b)));
            user.acceptDefaultsUntil(Page.LEAST_PRIVILEGE);
            assertEquals("", user.visibleProblem());
            assertTrue(said.stream().anyMatch(s -> s.toLowerCase().contains("visible to kms")),
                    "the wait for the new user was shown: " + said);
        } finally {
            sandbox.knobs().propagationDelay(Duration.ZERO);
        }
    }
}
