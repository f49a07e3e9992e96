package com.npskms.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;

/** A user with two keys already: the page explains the limit, names the spare key, and makes room on request. */
class RotationTwoKeysTest extends WizardTestBase {

    @Test
    void spareKeyIsDeletedToMakeRoomThenTheNewKeyIsMade(FxRobot fx) throws InterruptedException {
        String spare;
        String kept;
        try (IamClient iam = SandboxClients.adminIam(sandbox)) {
            iam.createUser(b -> b.userName("nps-kms-user"));
            spare = iam.createAccessKey(b -> b.userName("nps-kms-user")).accessKey().accessKeyId();
            // IAM dates have whole seconds; the kept key must be visibly newer than the spare one.
            Thread.sleep(1100);
            kept = iam.createAccessKey(b -> b.userName("nps-kms-user")).accessKey().accessKeyId();
        }
        WizardRobot user = new WizardRobot(fx, wizard);
        user.startRotationInSandbox();
        String note = user.text("#keysNote");
        assertTrue(note.contains("two access keys") && note.contains(spare), note);
        Button delete = user.find("#deleteSpare");
        user.click(delete);
        user.click(fx.lookup(".dialog-pane .button").queryAll().stream().map(Button.class::cast)
                .filter(b -> b.getText().equals("OK")).findFirst().orElseThrow());
        user.idle();
        TableView<?> keys = user.find("#keys");
        assertEquals(1, keys.getItems().size(), "one key left" + user.diagnostics());
        user.enter();
        user.on(Page.ROTATE_NEW_KEY);
        try (IamClient iam = SandboxClients.adminIam(sandbox)) {
            List<String> now = iam.listAccessKeys(b -> b.userName("nps-kms-user")).accessKeyMetadata().stream()
                    .map(AccessKeyMetadata::accessKeyId).toList();
            assertEquals(2, now.size());
            assertTrue(now.contains(kept) && !now.contains(spare), "the spare key made room for the new one: " + now);
        }
    }
}
