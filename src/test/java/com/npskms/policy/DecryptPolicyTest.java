package com.npskms.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DecryptPolicyTest {
    private static final String ACCT = "111122223333";
    private static final String KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    @Test
    void anyKeyInAccountIsTheConsolesDocument() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Action\":\"kms:Decrypt\",\"Resource\":\"arn:aws:kms:*:111122223333:key/*\"}]}"),
                json.readTree(DecryptPolicy.anyKeyInAccount(ACCT).toJson()));
    }

    @Test
    void oneKeyNamesOnlyThatKey() throws Exception {
        var doc = new ObjectMapper().readTree(DecryptPolicy.oneKey(KEY).toJson());
        assertEquals(KEY, doc.get("Statement").get(0).get("Resource").asText());
        assertEquals("kms:Decrypt", doc.get("Statement").get(0).get("Action").asText());
    }

    @Test
    void grantRecognisesAnyKeyAndOneKey() {
        assertEquals(DecryptPolicy.Grant.Scope.ANY_KEY_IN_ACCOUNT,
                DecryptPolicy.grantOf(DecryptPolicy.anyKeyInAccount(ACCT).toJson(), ACCT).scope());
        DecryptPolicy.Grant one = DecryptPolicy.grantOf(DecryptPolicy.oneKey(KEY).toJson(), ACCT);
        assertEquals(DecryptPolicy.Grant.Scope.ONE_KEY, one.scope());
        assertEquals(KEY, one.keyArn());
        assertTrue(one.reason().contains(KEY));
    }

    @Test
    void grantReadsUrlEncodedDocumentsAsIamReturnsThem() {
        String encoded = URLEncoder.encode(DecryptPolicy.anyKeyInAccount(ACCT).toJson(), StandardCharsets.UTF_8)
                .replace("+", "%20");
        assertEquals(DecryptPolicy.Grant.Scope.ANY_KEY_IN_ACCOUNT, DecryptPolicy.grantOf(encoded, ACCT).scope());
    }

    @Test
    void grantGivesTheExactReasonForAnUnusablePolicy() {
        String s3 = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";
        DecryptPolicy.Grant g = DecryptPolicy.grantOf(s3, ACCT);
        assertEquals(DecryptPolicy.Grant.Scope.NONE, g.scope());
        assertTrue(g.reason().contains("does not allow kms:Decrypt"), g.reason());

        String otherAccount = DecryptPolicy.anyKeyInAccount("999999999999").toJson();
        assertEquals(DecryptPolicy.Grant.Scope.NONE, DecryptPolicy.grantOf(otherAccount, ACCT).scope());

        String more = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"kms:Decrypt\","
                + "\"s3:GetObject\"],\"Resource\":\"*\"}]}";
        DecryptPolicy.Grant m = DecryptPolicy.grantOf(more, ACCT);
        assertEquals(DecryptPolicy.Grant.Scope.NONE, m.scope());
        assertTrue(m.reason().contains("more than kms:Decrypt (s3:GetObject)"), m.reason());

        String deny = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"kms:*\","
                + "\"Resource\":\"*\"},{\"Effect\":\"Deny\",\"Action\":\"kms:Decrypt\",\"Resource\":\"*\"}]}";
        DecryptPolicy.Grant d = DecryptPolicy.grantOf(deny, ACCT);
        assertEquals(DecryptPolicy.Grant.Scope.NONE, d.scope());
        assertTrue(d.reason().contains("denies"));
    }

    @Test
    void wildcardActionsCount() {
        String kmsStar = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":[\"KMS:Decr*\"],"
                + "\"Resource\":\"arn:aws:kms:*:111122223333:key/*\"}}";
        assertEquals(DecryptPolicy.Grant.Scope.ANY_KEY_IN_ACCOUNT, DecryptPolicy.grantOf(kmsStar, ACCT).scope());
    }

    @Test
    void sameDocumentIgnoresOrderWhitespaceAndOneElementLists() {
        String a = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"kms:Decrypt\",\"Resource\":\"x\"}]}";
        String b = "{ \"Statement\": { \"Resource\": [\"x\"], \"Action\": [\"kms:Decrypt\"], \"Effect\": \"Allow\" },\n \"Version\": \"2012-10-17\" }";
        assertTrue(PolicyJson.sameDocument(a, b));
        assertFalse(PolicyJson.sameDocument(a, a.replace("\"x\"", "\"y\"")));
        assertTrue(PolicyJson.sameDocument("{\"A\":[\"p\",\"q\"]}", "{\"A\":[\"q\",\"p\"]}"));
    }
}
