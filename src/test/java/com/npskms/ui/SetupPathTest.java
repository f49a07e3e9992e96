package com.npskms.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.npskms.sandbox.Sandbox;
import com.npskms.ui.common.SecretDisplay;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import org.controlsfx.control.CheckListView;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The whole setup clicked through against the sandbox with the defaults, by keyboard: the Result page then
 * shows what the sandbox holds, the secret shown there works for Decrypt, and it took at most 10 actions.
 */
class SetupPathTest extends WizardTestBase {

    @Test
    void defaultPathEndsWithTheFourValuesThatWork(FxRobot fx) {
        WizardRobot user = new WizardRobot(fx, wizard);
        user.on(Page.START);
        user.enter();
        user.on(Page.CONNECT);
        RadioButton sandboxChoice = user.find("#sandboxChoice");
        assertTrue(sandboxChoice.isSelected(), "with no credentials on the machine, Sandbox is preselected");
        assertTrue(user.<Label>find("#noCredentialsNote").isVisible(), "the page says why Sandbox is chosen");
        user.enter();
        user.idle();
        assertTrue(user.<Label>find("#accountValue").getText().equals(sandbox.accountId()),
                "who-am-I shows the sandbox account" + user.diagnostics());
        assertTrue(user.<Label>find(".sandbox-badge").isVisible(), "the SANDBOX badge shows in sandbox mode");
        user.enter();
        for (Page p : List.of(Page.POLICY, Page.USER, Page.ACCESS_KEY, Page.KMS_KEY, Page.LEAST_PRIVILEGE)) {
            user.on(p);
            if (p == Page.KMS_KEY) {
                user.idle();
                List<String> offered = user.<CheckListView<String>>find("#administrators").getItems();
                assertTrue(offered.stream().anyMatch(a -> a.endsWith(":user/sandbox-admin")), "the operator is offered");
                assertTrue(offered.stream().noneMatch(a -> a.endsWith(":user/nps-kms-user")),
                        "the NPS user is the key user, not offered as administrator: " + offered);
            }
            user.enter();
        }
        user.on(Page.VERIFY);
        user.idle();
        assertEquals("", user.visibleProblem(), "Verify shows no problem");
        user.enter();
        user.on(Page.RESULT);
        assertTrue(user.actions() <= 10, "the default path took " + user.actions() + " actions");

        String keyId = user.<TextField>find("#accessKeyId .value-field").getText();
        String keyArn = user.<TextField>find("#keyArn .value-field").getText();
        String region = user.<TextField>find("#region .value-field").getText();
        SecretDisplay secret = user.find("#secret");
        assertFalse(secret.isRevealed(), "the secret is masked by default");
        user.click(secret.revealButton());
        String secretShown = user.<TextField>find("#secret .value-field").getText();

        try (IamClient iam = SandboxClients.adminIam(sandbox); KmsClient kms = SandboxClients.adminKms(sandbox)) {
            List<String> userKeys = iam.listAccessKeys(b -> b.userName("nps-kms-user")).accessKeyMetadata()
                    .stream().map(AccessKeyMetadata::accessKeyId).toList();
            assertEquals(List.of(keyId), userKeys, "the access key id shown is the NPS user's key");
            String aliasArn = kms.describeKey(b -> b.keyId("alias/nps-protection-key")).keyMetadata().arn();
            assertEquals(aliasArn, keyArn, "the KMS key ARN shown is the key behind the alias");
            assertEquals(sandbox.region(), region);
        }
        try (KmsClient asNps = SandboxClients.kms(sandbox, keyId, secretShown, region)) {
            SdkBytes cipher = asNps.encrypt(b -> b.keyId(keyArn).plaintext(SdkBytes.fromUtf8String("nps"))).ciphertextBlob();
            String plain = asNps.decrypt(b -> b.ciphertextBlob(cipher).keyId(keyArn)).plaintext().asUtf8String();
            assertEquals("nps", plain, "the secret shown decrypts with the key, as NPS will");
        }
    }
}
