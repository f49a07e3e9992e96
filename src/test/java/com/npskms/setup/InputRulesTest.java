package com.npskms.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class InputRulesTest {

    private static void ok(Optional<String> result) {
        assertTrue(result.isEmpty(), () -> "unexpected message: " + result.get());
    }

    private static String bad(Optional<String> result) {
        assertTrue(result.isPresent(), "expected a message");
        return result.get();
    }

    @Test
    void userNames() {
        ok(InputRules.userName("nps-kms-user"));
        ok(InputRules.userName("a+b=c,d.e@f_g-h"));
        ok(InputRules.userName("x".repeat(64)));
        assertTrue(bad(InputRules.userName("x".repeat(65))).contains("at most 64"));
        assertTrue(bad(InputRules.userName("")).contains("required"));
        String msg = bad(InputRules.userName("nps user!"));
        assertTrue(msg.contains("letters, digits"), msg);
        assertTrue(msg.contains("space") && msg.contains("!"), msg);
    }

    @Test
    void policyNamesAndDescriptions() {
        ok(InputRules.policyName("NPS_KMS_Policy"));
        ok(InputRules.policyName("p".repeat(128)));
        assertTrue(bad(InputRules.policyName("p".repeat(129))).contains("128"));
        assertTrue(bad(InputRules.policyName("a/b")).contains("/"));
        ok(InputRules.policyDescription("d".repeat(1000)));
        assertTrue(bad(InputRules.policyDescription("d".repeat(1001))).contains("cannot be changed later"));
    }

    @Test
    void accessKeyDescriptionFollowsTheTagValueRule() {
        ok(InputRules.accessKeyDescription(""));
        ok(InputRules.accessKeyDescription("Netwrix Privilege Secure: prod/eu = 1 + x @ Zürich_2"));
        for (String c : new String[] {"!", ",", "#"}) {
            String msg = bad(InputRules.accessKeyDescription("NPS" + c));
            assertTrue(msg.contains("Not allowed: " + c), msg);
        }
        assertTrue(bad(InputRules.accessKeyDescription("d".repeat(257))).contains("256"));
    }

    @Test
    void aliasWithOrWithoutPrefixNeverDoubled() {
        assertEquals("alias/nps-key", InputRules.normalizeAlias("nps-key"));
        assertEquals("alias/nps-key", InputRules.normalizeAlias("alias/nps-key"));
        assertEquals("alias/alias-x", InputRules.normalizeAlias("alias-x"));
        ok(InputRules.alias("nps-key"));
        ok(InputRules.alias("alias/team/nps_key-1"));
        assertTrue(bad(InputRules.alias("alias/aws/mine")).contains("aws/"));
        assertTrue(bad(InputRules.alias("aws/mine")).contains("aws/"));
        assertTrue(bad(InputRules.alias("nps key")).contains("space"));
        assertTrue(bad(InputRules.alias("alias/")).contains("name"));
        assertTrue(bad(InputRules.alias("k".repeat(251))).contains("256"));
        ok(InputRules.alias("k".repeat(250)));
    }

    @Test
    void tagsDescriptionWindowPassword() {
        ok(InputRules.tagKey("team"));
        assertTrue(bad(InputRules.tagKey("")).contains("required"));
        assertTrue(bad(InputRules.tagKey("aws:x")).contains("reserved"));
        assertTrue(bad(InputRules.tagKey("k".repeat(129))).contains("128"));
        ok(InputRules.tagValue(""));
        assertTrue(bad(InputRules.tagValue("v".repeat(257))).contains("256"));
        ok(InputRules.keyDescription("NPS"));
        assertTrue(bad(InputRules.keyDescription("d".repeat(8193))).contains("8192"));
        ok(InputRules.deletionWindowDays(7));
        ok(InputRules.deletionWindowDays(30));
        assertTrue(bad(InputRules.deletionWindowDays(6)).contains("7 and 30"));
        assertTrue(bad(InputRules.deletionWindowDays(31)).contains("7 and 30"));
        ok(InputRules.consolePassword(SecretText.of("Aa1!aaaa")));
        assertTrue(bad(InputRules.consolePassword(SecretText.of("short1A!".substring(0, 7)))).contains("8 to 128"));
        assertTrue(bad(InputRules.consolePassword(SecretText.of("alllowercase1!"))).contains("upper-case"));
    }

    @Test
    void keyAdministratorsAreUserOrRoleArns() {
        ok(InputRules.keyAdministrator("arn:aws:iam::111122223333:user/admin"));
        ok(InputRules.keyAdministrator("arn:aws:iam::111122223333:role/path/KeyAdmins"));
        ok(InputRules.keyAdministrator("arn:aws-us-gov:iam::111122223333:role/KeyAdmins"));
        assertTrue(bad(InputRules.keyAdministrator("arn:aws:sts::111122223333:assumed-role/Admin/me")).contains("role's ARN"));
        assertTrue(bad(InputRules.keyAdministrator("admin")).contains("IAM user or role ARN"));
        assertTrue(bad(InputRules.keyAdministrator("arn:aws:iam::1234:user/x")).contains("IAM user or role ARN"));
    }

    @Test
    void generatedPasswordsPassTheRules() {
        for (int i = 0; i < 200; i++) {
            SecretText p = UserStep.generatePassword();
            ok(InputRules.consolePassword(p));
            assertEquals(20, p.reveal().length());
        }
    }

    @Test
    void checkListsEveryBadFieldOfAState() {
        SetupState s = new SetupState();
        s.userName = "bad name";
        s.alias = "alias/aws/x";
        s.deletionWindowDays = 3;
        var messages = InputRules.check(s);
        assertEquals(3, messages.size(), messages.toString());
        assertTrue(messages.get(0).startsWith("userName:"));
        assertTrue(InputRules.check(new SetupState()).isEmpty(), "defaults are valid");
    }
}
