package com.npskms.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.npskms.ui.common.SecretDisplay;
import java.util.List;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;

/**
 * The rotation clicked through: the old key listed with its last use, a new key made and shown once,
 * NPS confirmed switched, the old key deactivated, then deleted; the user ends with only the new key.
 */
class RotationPathTest extends WizardTestBase {

    @Test
    void oldKeyIsReplacedOnlyAfterConfirmation(FxRobot fx) {
        String oldKey;
        try (IamClient iam = SandboxClients.adminIam(sandbox)) {
            iam.createUser(b -> b.userName("nps-kms-user"));
            oldKey = iam.createAccessKey(b -> b.userName("nps-kms-user")).accessKey().accessKeyId();
        }
        WizardRobot user = new WizardRobot(fx, wizard);
        user.startRotationInSandbox();
        TableView<?> keys = user.find("#keys");
        assertEquals(1, keys.getItems().size(), "the existing key is listed" + user.diagnostics());
        assertTrue(user.text("#keysNote").contains("one access key"), user.text("#keysNote"));
        user.enter();

        user.on(Page.ROTATE_NEW_KEY);
        String newKey = user.<TextField>find("#accessKeyId .value-field").getText();
        SecretDisplay secret = user.find("#secret");
        assertFalse(secret.isRevealed(), "the new secret is masked");
        assertFalse(user.nextEnabled(), "Next waits for the confirmation that NPS uses the new key");
        user.click(fx.lookup("#npsSwitched").<CheckBox>query());
        user.enter();

        user.on(Page.ROTATE_RETIRE);
        assertTrue(user.text("#usageNote").contains(newKey), user.text("#usageNote"));
        try (IamClient iam = SandboxClients.adminIam(sandbox)) {
            assertEquals(2, iam.listAccessKeys(b -> b.userName("nps-kms-user")).accessKeyMetadata().size(),
                    "the old key still exists before it is retired");
        }
        user.enter();
        user.idle();
        try (IamClient iam = SandboxClients.adminIam(sandbox)) {
            String status = iam.listAccessKeys(b -> b.userName("nps-kms-user")).accessKeyMetadata().stream()
                    .filter(k -> k.accessKeyId().equals(oldKey)).findFirst().orElseThrow().statusAsString();
            assertEquals("Inactive", status, "first deactivated");
        }
        assertFalse(user.nextEnabled(), "deleting needs its own confirmation");
        user.click(fx.lookup("#confirmDelete").<CheckBox>query());
        user.enter();
        user.idle();
        assertEquals("", user.visibleProblem());
        try (IamClient iam = SandboxClients.adminIam(sandbox)) {
            List<String> left = iam.listAccessKeys(b -> b.userName("nps-kms-user")).accessKeyMetadata().stream()
                    .map(AccessKeyMetadata::accessKeyId).toList();
            assertEquals(List.of(newKey), left, "only the new key is left");
        }
        assertTrue(user.text("#doneNote").contains(oldKey), user.text("#doneNote"));
        assertEquals("Finish", user.nextButton().getText().replace("_", ""));
    }
}
