package com.npskms.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyState;

/** Back works until something was created; then the page explains, and Cancel + Roll back empties the sandbox. */
class CancelRollbackTest extends WizardTestBase {

    @Test
    void backUntilCreatedThenCancelRollsEverythingBack(FxRobot fx) {
        WizardRobot user = new WizardRobot(fx, wizard);
        user.startSetupInSandbox();
        Button back = user.find("#backButton");
        assertTrue(!back.isDisabled(), "Back works while nothing was created");
        user.click(back);
        user.on(Page.CONNECT);
        user.enter();
        user.on(Page.POLICY);
        user.acceptDefaultsUntil(Page.LEAST_PRIVILEGE);
        assertTrue(back.isDisabled(), "Back is off once resources exist");
        Label note = user.find("#backNote");
        assertTrue(note.isVisible() && note.getText().contains("Roll back"), "the page explains why");

        user.escape();
        // The question is a dialog; its Roll back button is the default.
        user.click(fx.lookup(".dialog-pane .button").queryAll().stream().map(Button.class::cast)
                .filter(b -> b.getText().replace("_", "").equals("Roll back")).findFirst().orElseThrow());
        user.on(Page.START);

        try (IamClient iam = SandboxClients.adminIam(sandbox); KmsClient kms = SandboxClients.adminKms(sandbox)) {
            assertTrue(iam.listUsers().users().stream().noneMatch(u -> u.userName().equals("nps-kms-user")),
                    "no NPS user left");
            assertEquals(0, iam.listPolicies(b -> b.scope(PolicyScopeType.LOCAL)).policies().size(), "no policy left");
            assertTrue(kms.listAliases().aliases().stream().noneMatch(a -> a.aliasName().equals("alias/nps-protection-key")),
                    "no alias left");
            kms.listKeys().keys().forEach(k -> assertEquals(KeyState.PENDING_DELETION,
                    kms.describeKey(b -> b.keyId(k.keyId())).keyMetadata().keyState(), "the key is scheduled for deletion"));
        }
    }
}
