package com.npskms.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.npskms.policy.PolicyJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanTest {
    private static SetupState state() {
        SetupState s = new SetupState();
        s.accountId = "111122223333";
        s.region = "eu-west-1";
        s.callerArn = "arn:aws:iam::111122223333:user/admin";
        s.keyAdministrators.add(s.callerArn);
        return s;
    }

    @Test
    void planListsEveryCallInTheGuidesOrder() {
        List<String> actions = SetupRun.preview(state()).stream().map(PlannedCall::action).toList();
        assertEquals(List.of("CreatePolicy", "CreateUser", "AttachUserPolicy", "CreateAccessKey", "TagUser",
                "CreateKey", "CreateAlias", "EnableKeyRotation", "CreatePolicyVersion", "Encrypt", "Decrypt",
                "SimulatePrincipalPolicy"), actions);
    }

    @Test
    void optionsChangeThePlan() {
        SetupState s = state();
        s.consoleAccess = true;
        s.accessKeyDescription = "";
        s.enableKeyRotation = false;
        List<String> actions = SetupRun.preview(s).stream().map(PlannedCall::action).toList();
        assertTrue(actions.contains("CreateLoginProfile"));
        assertTrue(!actions.contains("TagUser") && !actions.contains("EnableKeyRotation"), actions.toString());
    }

    @Test
    void planCarriesTheDocumentsSent() {
        SetupState s = state();
        s.alias = "alias/nps";
        List<PlannedCall> plan = SetupRun.preview(s);
        PlannedCall policy = plan.get(0);
        assertTrue(PolicyJson.sameDocument(policy.document(),
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"kms:Decrypt\","
                        + "\"Resource\":\"arn:aws:kms:*:111122223333:key/*\"}]}"));
        PlannedCall key = plan.stream().filter(c -> c.action().equals("CreateKey")).findFirst().orElseThrow();
        assertTrue(key.document().contains("arn:aws:iam::111122223333:user/nps-kms-user"));
        assertTrue(key.document().contains("key-consolepolicy-3"));
        PlannedCall alias = plan.stream().filter(c -> c.action().equals("CreateAlias")).findFirst().orElseThrow();
        assertTrue(alias.summary().startsWith("alias/nps "), alias.summary());
        PlannedCall lp = plan.stream().filter(c -> c.action().equals("CreatePolicyVersion")).findFirst().orElseThrow();
        assertNotNull(lp.documentBefore());
        assertTrue(lp.documentBefore().contains("key/*"));
        assertTrue(lp.document().contains(":key/<made by step 4>"), lp.document());
    }

    @Test
    void requiredActionsFollowTheOptions() {
        SetupState s = state();
        assertTrue(!SetupRun.requiredActions(s).contains("iam:CreateLoginProfile"));
        s.consoleAccess = true;
        s.tags.put("a", "b");
        List<String> a = SetupRun.requiredActions(s);
        assertTrue(a.contains("iam:CreateLoginProfile") && a.contains("kms:TagResource") && a.contains("kms:CreateKey"));
    }
}
