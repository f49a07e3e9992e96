package com.npskms.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyPolicyDocumentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "arn:aws:iam::111122223333:user/admin";
    private static final String NPS = "arn:aws:iam::111122223333:user/nps-kms-user";

    /** The console's key policy (AWS-NOTES.md) with A = admin, U = the NPS user. */
    private static final String CONSOLE = com.npskms.ConsoleKeyPolicy.of("111122223333", ADMIN, NPS);

    @Test
    void equalsTheConsolesPolicyFieldForFieldAndInOrder() throws Exception {
        String ours = new KeyPolicyDocument("111122223333", List.of(ADMIN), List.of(NPS), true).toJson();
        JsonNode expected = JSON.readTree(CONSOLE);
        JsonNode actual = JSON.readTree(ours);
        assertEquals(expected, actual);
        // Same text once whitespace is gone: key order and action order as the console writes them.
        assertEquals(JSON.writeValueAsString(expected), JSON.writeValueAsString(actual));
    }

    @Test
    void withoutDeletionTheAdministratorsLoseScheduleAndCancelOnly() throws Exception {
        JsonNode doc = JSON.readTree(new KeyPolicyDocument("111122223333", List.of(ADMIN), List.of(NPS), false).toJson());
        JsonNode expected = JSON.readTree(CONSOLE);
        var actions = (com.fasterxml.jackson.databind.node.ArrayNode) expected.get("Statement").get(1).get("Action");
        for (int i = actions.size() - 1; i >= 0; i--) {
            String a = actions.get(i).asText();
            if (a.equals("kms:ScheduleKeyDeletion") || a.equals("kms:CancelKeyDeletion")) {
                actions.remove(i);
            }
        }
        assertEquals(expected, doc);
        assertTrue(doc.toString().contains("kms:Delete*"));
    }

    @Test
    void noAdministratorsLeavesTheirStatementOutAndKeepsRoot() throws Exception {
        JsonNode doc = JSON.readTree(new KeyPolicyDocument("111122223333", List.of(), List.of(NPS), true).toJson());
        assertEquals(3, doc.get("Statement").size());
        assertEquals("Enable IAM User Permissions", doc.get("Statement").get(0).get("Sid").asText());
        assertEquals("Allow use of the key", doc.get("Statement").get(1).get("Sid").asText());
        assertFalse(doc.toString().contains("Key Administrators"));
    }

    @Test
    void severalAdministratorsAreAllListed() throws Exception {
        String role = "arn:aws:iam::111122223333:role/KeyAdmins";
        JsonNode doc = JSON.readTree(new KeyPolicyDocument("111122223333", List.of(ADMIN, role), List.of(NPS), true).toJson());
        JsonNode aws = doc.get("Statement").get(1).get("Principal").get("AWS");
        assertEquals(2, aws.size());
        assertEquals(role, aws.get(1).asText());
    }

    @Test
    void accessNamesTheUserOrTheRootStatement() {
        String ours = new KeyPolicyDocument("111122223333", List.of(ADMIN), List.of(NPS), true).toJson();
        KeyPolicyDocument.Access direct = KeyPolicyDocument.accessOf(ours, "111122223333", NPS);
        assertTrue(direct.allowed());
        assertTrue(direct.reason().contains("key user"), direct.reason());

        // NPS's IAM policy grants only kms:Decrypt: a key left to IAM policies could not encrypt for it.
        String rootOnly = new KeyPolicyDocument("111122223333", List.of(), List.of(), true).toJson();
        KeyPolicyDocument.Access viaRoot = KeyPolicyDocument.accessOf(rootOnly, "111122223333", NPS);
        assertFalse(viaRoot.allowed());
        assertTrue(viaRoot.reason().contains("could not encrypt"), viaRoot.reason());

        String decryptOnly = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + NPS
                + "\"},\"Action\":\"kms:Decrypt\",\"Resource\":\"*\"}]}";
        KeyPolicyDocument.Access half = KeyPolicyDocument.accessOf(decryptOnly, "111122223333", NPS);
        assertFalse(half.allowed());
        assertTrue(half.reason().contains("but not encrypt"), half.reason());

        String other = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                 "Principal":{"AWS":"arn:aws:iam::111122223333:user/someone"},"Action":"kms:*","Resource":"*"}]}""";
        KeyPolicyDocument.Access none = KeyPolicyDocument.accessOf(other, "111122223333", NPS);
        assertFalse(none.allowed());
        assertTrue(none.reason().contains(NPS));
        assertTrue(none.reason().contains("does not name"), none.reason());
    }

    @Test
    void staysFarBelowTheKeyPolicySizeLimitWithManyAdministrators() {
        List<String> admins = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            admins.add("arn:aws:iam::111122223333:user/administrator-number-" + i);
        }
        int size = new KeyPolicyDocument("111122223333", admins, List.of(NPS), true).toJson()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        assertTrue(size < KeyPolicyDocument.MAX_BYTES, "size " + size);
    }
}
