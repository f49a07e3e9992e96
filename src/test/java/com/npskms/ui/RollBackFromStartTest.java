package com.npskms.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;

/** An unfinished run kept at Cancel is offered next time; "Roll it back" removes what it made. */
class RollBackFromStartTest extends WizardTestBase {

    @Test
    void unfinishedRunIsRolledBackFromTheStartPage(FxRobot fx) throws Exception {
        WizardRobot user = new WizardRobot(fx, wizard);
        user.startSetupInSandbox();
        user.acceptDefaultsUntil(Page.ACCESS_KEY);
        user.escape();
        user.click(fx.lookup(".dialog-pane .button").queryAll().stream().map(Button.class::cast)
                .filter(b -> b.getText().replace("_", "").equals("Keep and close")).findFirst().orElseThrow());
        try (IamClient iam = SandboxClients.adminIam(sandbox)) {
            assertEquals(1, iam.listPolicies(b -> b.scope(PolicyScopeType.LOCAL)).policies().size(), "kept");
        }

        FxToolkit.setupFixture(() -> wizard = WizardApp.open(stage, options()));
        user = new WizardRobot(fx, wizard);
        user.on(Page.START);
        assertTrue(user.<javafx.scene.Node>find("#unfinishedCard").isVisible(), "the kept run is offered");
        user.click("#rollbackChoice");
        user.enter();
        user.on(Page.CONNECT);
        user.enter();
        user.idle();
        assertEquals("Roll back", user.nextButton().getText().replace("_", ""));
        user.enter();
        user.on(Page.START);
        assertFalse(user.<javafx.scene.Node>find("#unfinishedCard").isVisible(), "nothing unfinished is left to offer: " + user.<Label>find("#unfinishedText").getText());
        try (IamClient iam = SandboxClients.adminIam(sandbox)) {
            assertEquals(0, iam.listPolicies(b -> b.scope(PolicyScopeType.LOCAL)).policies().size(), "no policy left");
            assertTrue(iam.listUsers().users().stream().noneMatch(u -> u.userName().equals("nps-kms-user")), "no user left");
        }
    }
}
