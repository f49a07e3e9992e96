package com.npskms.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.input.Clipboard;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;

/**
 * An operator signing in with an access key (here against the sandbox through the endpoint field) who lacks
 * permissions sees who they are, each missing action by name, and can copy a policy that grants them.
 */
class PreflightPageTest extends WizardTestBase {

    @Test
    void missingPermissionsAreNamedWithAPolicyToCopy(FxRobot fx) {
        AccessKey operator;
        try (IamClient iam = SandboxClients.adminIam(sandbox)) {
            iam.createUser(b -> b.userName("operator"));
            String arn = iam.createPolicy(b -> b.policyName("OperatorReadOnly").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"iam:Get*\","
                            + "\"iam:List*\",\"iam:SimulatePrincipalPolicy\",\"iam:CreatePolicy\"],\"Resource\":\"*\"}]}"))
                    .policy().arn();
            iam.attachUserPolicy(b -> b.userName("operator").policyArn(arn));
            operator = iam.createAccessKey(b -> b.userName("operator")).accessKey();
        }
        WizardRobot user = new WizardRobot(fx, wizard);
        user.on(Page.START);
        user.enter();
        user.on(Page.CONNECT);
        user.click("#keysChoice");
        user.type(user.find("#accessKeyId"), operator.accessKeyId());
        user.type(user.find("#secretKey"), operator.secretAccessKey());
        TitledPane advanced = user.find("#advanced");
        fx.interact(() -> com.npskms.ui.common.ProblemView.scrollIntoView(advanced));
        user.click(advanced.lookup(".title"));
        fx.interact(() -> com.npskms.ui.common.ProblemView.scrollIntoView(advanced));
        user.type(user.find("#endpointUrl"), "not an endpoint");
        assertTrue(!user.nextEnabled(), "a malformed endpoint blocks Connect");
        user.type(user.find("#endpointUrl"), sandbox.endpoint().toString());
        user.enter();
        user.idle();
        assertEquals("", user.visibleProblem());
        assertTrue(user.text("#arnValue").endsWith(":user/operator"), user.text("#arnValue"));
        assertTrue(!user.<Label>find(".sandbox-badge").isVisible(), "no SANDBOX badge: this is not Sandbox mode");
        String note = user.text("#preflightNote");
        assertTrue(note.contains("lack"), note);
        String missing = user.text("#missingList");
        assertTrue(missing.contains("kms:CreateKey") && missing.contains("iam:CreateUser"), missing);
        assertTrue(!missing.contains("iam:CreatePolicy "), "what is allowed is not listed: " + missing);
        user.click("#copyPolicyButton");
        String[] json = new String[1];
        fx.interact(() -> json[0] = Clipboard.getSystemClipboard().getString());
        assertTrue(json[0].contains("\"kms:CreateKey\"") && json[0].contains("\"Version\""), json[0]);
        assertTrue(user.nextEnabled(), "the check is advice: the operator may still go on");
    }
}
