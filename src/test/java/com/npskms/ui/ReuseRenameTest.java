package com.npskms.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import software.amazon.awssdk.services.iam.IamClient;

/** "Already exists" answered on the page: a policy that does not match is renamed, a matching user is reused. */
class ReuseRenameTest extends WizardTestBase {

    @Test
    void conflictingPolicyIsRenamedAndMatchingUserIsReused(FxRobot fx) {
        try (IamClient iam = SandboxClients.adminIam(sandbox)) {
            // Someone else's policy under our default name, allowing something else.
            iam.createPolicy(b -> b.policyName("NPS_KMS_Policy").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}"));
            // An NPS user made earlier by hand, with nothing attached: fine to reuse.
            iam.createUser(b -> b.userName("nps-kms-user"));
        }
        WizardRobot user = new WizardRobot(fx, wizard);
        user.startSetupInSandbox();

        // Shown on arrival (background check), and again if Next is pressed anyway.
        user.enter();
        user.on(Page.POLICY);
        String problem = user.visibleProblem();
        assertTrue(problem.contains("cannot be reused"), "the conflict is shown on the page: " + problem);
        user.click(".problem-view .button");
        assertEquals("NPS_KMS_Policy-2", user.<TextField>find("#policyName").getText(), "Rename suggests a free name");
        user.enter();

        user.on(Page.USER);
        assertTrue(user.text("#existingNote").contains("reused"), "the existing user is offered for reuse: "
                + user.text("#existingNote"));
        user.enter();
        user.on(Page.ACCESS_KEY);
        assertEquals("", user.visibleProblem());
        try (IamClient iam = SandboxClients.adminIam(sandbox)) {
            assertEquals(1, iam.listUsers().users().stream().filter(u -> u.userName().equals("nps-kms-user")).count());
            String attached = iam.listAttachedUserPolicies(b -> b.userName("nps-kms-user")).attachedPolicies().get(0).policyName();
            assertEquals("NPS_KMS_Policy-2", attached, "the renamed policy is attached to the reused user");
        }
    }
}
