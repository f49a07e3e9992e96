package com.npskms.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.npskms.ui.common.SecretDisplay;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.kms.KmsClient;

/** Closing the window mid-run keeps the journal; the next window offers Resume and finishes without duplicates. */
class ResumeTest extends WizardTestBase {

    @Test
    void closedMidRunThenResumedFinishesWithoutDuplicates(FxRobot fx) throws Exception {
        WizardRobot user = new WizardRobot(fx, wizard);
        user.startSetupInSandbox();
        user.acceptDefaultsUntil(Page.KMS_KEY);
        user.escape();
        user.click(fx.lookup(".dialog-pane .button").queryAll().stream().map(Button.class::cast)
                .filter(b -> b.getText().replace("_", "").equals("Keep and close")).findFirst().orElseThrow());
        assertFalse(stage.isShowing(), "Keep closes the window");

        FxToolkit.setupFixture(() -> wizard = WizardApp.open(stage, options()));
        WizardRobot again = new WizardRobot(fx, wizard);
        again.on(Page.START);
        assertTrue(again.<Label>find("#unfinishedText").getText().contains(sandbox.accountId()),
                "the unfinished run is described: " + again.<Label>find("#unfinishedText").getText());
        assertTrue(again.<RadioButton>find("#resumeChoice").isSelected(), "Resume is offered first");
        again.enter();
        again.on(Page.CONNECT);
        again.enter();
        again.idle();
        assertEquals("Resume", again.nextButton().getText().replace("_", ""));
        again.enter();
        // The secret of the key made before closing was never written down, so that step runs again.
        again.on(Page.ACCESS_KEY);
        again.acceptDefaultsUntil(Page.RESULT);

        String keyId = again.<TextField>find("#accessKeyId .value-field").getText();
        String keyArn = again.<TextField>find("#keyArn .value-field").getText();
        SecretDisplay secret = again.find("#secret");
        again.click(secret.revealButton());
        String secretShown = again.<TextField>find("#secret .value-field").getText();
        try (IamClient iam = SandboxClients.adminIam(sandbox); KmsClient kms = SandboxClients.adminKms(sandbox)) {
            assertEquals(1, iam.listPolicies(b -> b.scope(PolicyScopeType.LOCAL)).policies().size(), "one policy");
            assertEquals(1, iam.listUsers().users().stream().filter(u -> u.userName().startsWith("nps")).count(), "one user");
            assertEquals(List.of(keyId), iam.listAccessKeys(b -> b.userName("nps-kms-user")).accessKeyMetadata().stream()
                    .map(k -> k.accessKeyId()).toList(), "one access key: the one shown");
            assertEquals(1, kms.listAliases().aliases().stream().filter(a -> a.aliasName().startsWith("alias/nps")).count());
        }
        try (KmsClient asNps = SandboxClients.kms(sandbox, keyId, secretShown, sandbox.region())) {
            SdkBytes c = asNps.encrypt(b -> b.keyId(keyArn).plaintext(SdkBytes.fromUtf8String("x"))).ciphertextBlob();
            assertEquals("x", asNps.decrypt(b -> b.ciphertextBlob(c)).plaintext().asUtf8String());
        }
    }
}
