package com.npskms.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.npskms.ui.common.SecretDisplay;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import software.amazon.awssdk.services.iam.IamClient;

/** With console access, the generated password is shown (masked) on the Result page and the user must reset it. */
class ConsolePasswordTest extends WizardTestBase {

    @Test
    void generatedConsolePasswordIsShownOnce(FxRobot fx) {
        WizardRobot user = new WizardRobot(fx, wizard);
        user.startSetupInSandbox();
        user.enter();
        user.on(Page.USER);
        user.click(fx.lookup("#consoleAccess").<CheckBox>query());
        user.acceptDefaultsUntil(Page.RESULT);
        SecretDisplay password = user.find("#consolePassword");
        assertTrue(password.isVisible(), "the console password is offered");
        assertFalse(password.isRevealed());
        user.click(password.revealButton());
        String shown = fx.lookup("#consolePassword .value-field").<TextField>query().getText();
        assertTrue(shown.length() >= 14, "a strong generated password: " + shown.length() + " characters");
        try (IamClient iam = SandboxClients.adminIam(sandbox)) {
            assertTrue(iam.getLoginProfile(b -> b.userName("nps-kms-user")).loginProfile().passwordResetRequired(),
                    "the user must change it at the first sign-in");
        }
    }
}
