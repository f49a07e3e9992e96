package com.npskms.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.npskms.sandbox.SandboxKnobs;
import com.npskms.ui.common.ProblemView;
import javafx.scene.control.Button;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** A failing AWS call shows a plain-words problem with details and Retry on the page; Retry then succeeds. */
class FailureRetryTest extends WizardTestBase {

    @Test
    void failureAtTheUserStepIsShownAndRetrySucceeds(FxRobot fx) {
        WizardRobot user = new WizardRobot(fx, wizard);
        user.startSetupInSandbox();
        user.enter();
        user.on(Page.USER);
        sandbox.knobs().failNext("CreateUser", SandboxKnobs.Fault.HTTP_503, 1000);
        user.enter();
        user.idle();
        assertEquals(Page.USER, wizard.pageProperty().get(), "the page stays when its step failed");
        String problem = user.visibleProblem();
        assertFalse(problem.isEmpty(), "the failure is on the page");
        assertFalse(problem.contains("Exception") || problem.contains("\tat "), "no stack trace: " + problem);
        ProblemView view = user.find(".problem-view");
        assertTrue(view.detailsText().contains("request id") || view.detailsText().contains("Request id"),
                "the details name the request id: " + view.detailsText());
        assertFalse(view.detailsPane().isExpanded(), "details are collapsed until asked for");
        user.click(view.detailsPane().lookup(".title"));
        assertTrue(view.detailsPane().isExpanded());

        sandbox.knobs().clearFaults();
        Button retry = fx.lookup(".problem-view .button").queryAll().stream().map(Button.class::cast)
                .filter(b -> b.getText().contains("Retry")).findFirst().orElseThrow();
        user.click(retry);
        user.on(Page.ACCESS_KEY);
        assertEquals("", user.visibleProblem());
    }
}
