package com.npskms.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.npskms.sandbox.PolicyEvaluation.Decision;
import com.npskms.sandbox.PolicyEvaluation.Source;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The policy language rules the sandbox enforces, checked directly. */
class PolicyEvaluationTest {
    private static final String KEY_A = "arn:aws:kms:us-east-1:123456789012:key/1111aaaa-0000-0000-0000-000000000000";
    private static final String KEY_B = "arn:aws:kms:us-east-1:123456789012:key/2222bbbb-0000-0000-0000-000000000000";

    private static Decision decide(String policy, String action, String resource) {
        return PolicyEvaluation.evaluate(List.of(new Source("p", policy)), action, resource, Map.of()).decision();
    }

    @Test
    void wildcardsInActionsAndResources() {
        String p = "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"KMS:Get*\",\"Resource\":"
                + "\"arn:aws:kms:us-east-1:123456789012:key/1111????-*\"}}";
        assertEquals(Decision.ALLOWED, decide(p, "kms:GetKeyPolicy", KEY_A), "actions ignore case");
        assertEquals(Decision.IMPLICIT_DENY, decide(p, "kms:GetKeyPolicy", KEY_B));
        assertEquals(Decision.IMPLICIT_DENY, decide(p, "kms:Decrypt", KEY_A));
        assertEquals(Decision.IMPLICIT_DENY, decide(p, "kms:GetKeyPolicy", KEY_A.toUpperCase()), "resources keep case");
    }

    @Test
    void explicitDenyWinsAndNotActionNotResourceInvert() {
        String p = "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"},"
                + "{\"Effect\":\"Deny\",\"NotAction\":\"kms:Decrypt\",\"NotResource\":\"" + KEY_A + "\"}]}";
        assertEquals(Decision.ALLOWED, decide(p, "kms:Decrypt", KEY_B));
        assertEquals(Decision.ALLOWED, decide(p, "kms:Encrypt", KEY_A));
        assertEquals(Decision.EXPLICIT_DENY, decide(p, "kms:Encrypt", KEY_B));
    }

    @Test
    void unknownConditionsAndMissingContextDoNotMatch() {
        String p = "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"kms:*\",\"Resource\":\"*\","
                + "\"Condition\":{\"Bool\":{\"kms:GrantIsForAWSResource\":\"true\"}}}]}";
        assertEquals(Decision.IMPLICIT_DENY, decide(p, "kms:Decrypt", KEY_A));
        assertEquals(Decision.ALLOWED, PolicyEvaluation.evaluate(List.of(new Source("p", p)), "kms:CreateGrant", KEY_A,
                Map.of("kms:GrantIsForAWSResource", "true")).decision());
        String other = "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"kms:*\",\"Resource\":\"*\","
                + "\"Condition\":{\"StringEquals\":{\"aws:username\":\"x\"}}}]}";
        assertEquals(Decision.IMPLICIT_DENY, decide(other, "kms:Decrypt", KEY_A));
    }
}
