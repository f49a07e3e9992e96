package com.npskms.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The IAM policy NPS's user needs: {@code kms:Decrypt} on any key in the account (the console's
 * "Any in this account", {@code arn:aws:kms:*:<ACCOUNT>:key/*}), or on one key ARN (least privilege).
 */
public final class DecryptPolicy {
    private final String resource;

    private DecryptPolicy(String resource) {
        this.resource = resource;
    }

    /** kms:Decrypt on any key in this account: what step 1 creates. */
    public static DecryptPolicy anyKeyInAccount(String accountId) {
        return new DecryptPolicy(anyKeyResource(accountId));
    }

    /** kms:Decrypt on this one key: the least-privilege version of step 5. */
    public static DecryptPolicy oneKey(String keyArn) {
        return new DecryptPolicy(keyArn);
    }

    /** {@code arn:aws:kms:*:<ACCOUNT>:key/*}. */
    public static String anyKeyResource(String accountId) {
        return "arn:aws:kms:*:" + accountId + ":key/*";
    }

    public String resource() {
        return resource;
    }

    /** The document as a JSON tree. */
    public JsonNode toJsonNode() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode doc = f.objectNode();
        doc.put("Version", "2012-10-17");
        ObjectNode st = doc.putArray("Statement").addObject();
        st.put("Effect", "Allow");
        st.put("Action", "kms:Decrypt");
        st.put("Resource", resource);
        return doc;
    }

    /** The document as sent to IAM and shown in the preview. */
    public String toJson() {
        return PolicyJson.pretty(toJsonNode());
    }

    /** What a policy document grants for kms:Decrypt in an account, for the reuse decision. */
    public record Grant(Scope scope, String keyArn, String reason) {
        /** How far the grant reaches. */
        public enum Scope {
            /** kms:Decrypt on every key of the account ({@code key/*} or {@code *}). */
            ANY_KEY_IN_ACCOUNT,
            /** kms:Decrypt on exactly one key ARN of the account. */
            ONE_KEY,
            /** No usable kms:Decrypt grant; {@code reason} says why. */
            NONE
        }
    }

    /** Actions an over-broad pattern would also match (a sample of KMS and other services). */
    private static final List<String> OTHER_ACTIONS = List.of("kms:Encrypt", "kms:ReEncryptFrom", "kms:GenerateDataKey",
            "kms:DescribeKey", "kms:CreateKey", "kms:PutKeyPolicy", "kms:ScheduleKeyDeletion", "kms:CreateGrant",
            "kms:DisableKey", "s3:GetObject", "iam:CreateUser", "ec2:RunInstances");

    /** True when an action pattern allows something besides kms:Decrypt. */
    private static boolean grantsMore(String pattern) {
        return OTHER_ACTIONS.stream().anyMatch(a -> PolicyJson.actionMatches(pattern, a))
                || !PolicyJson.actionMatches(pattern, "kms:Decrypt");
    }

    /**
     * Reads what a policy document allows for {@code kms:Decrypt} on this account's keys: any key, one key
     * (which), or nothing (with the exact reason). A Deny on kms:Decrypt makes it unusable.
     */
    public static Grant grantOf(String document, String accountId) {
        JsonNode doc;
        try {
            doc = PolicyJson.parse(document);
        } catch (IllegalArgumentException e) {
            return new Grant(Grant.Scope.NONE, null, "its document is not valid JSON");
        }
        String probeKey = "arn:aws:kms:us-east-1:" + accountId + ":key/00000000-0000-0000-0000-000000000000";
        boolean anyKey = false;
        List<String> oneKeys = new ArrayList<>();
        java.util.Set<String> others = new java.util.LinkedHashSet<>();
        for (JsonNode st : PolicyJson.statements(doc)) {
            String effect = st.path("Effect").asText();
            boolean decrypt = PolicyJson.strings(st.get("Action")).stream()
                    .anyMatch(a -> PolicyJson.actionMatches(a, "kms:Decrypt"));
            if ("Allow".equals(effect)) {
                if (st.has("NotAction")) {
                    others.add("everything but " + PolicyJson.strings(st.get("NotAction")));
                }
                PolicyJson.strings(st.get("Action")).stream().filter(DecryptPolicy::grantsMore).forEach(others::add);
            }
            if (st.has("NotAction") || st.has("NotResource")) {
                continue;
            }
            if ("Deny".equals(effect) && decrypt) {
                return new Grant(Grant.Scope.NONE, null, "it denies kms:Decrypt");
            }
            if (!"Allow".equals(effect) || !decrypt) {
                continue;
            }
            if (st.has("Condition")) {
                continue; // a conditional grant may not apply to NPS's calls
            }
            for (String r : PolicyJson.strings(st.get("Resource"))) {
                if (PolicyJson.resourceMatches(r, probeKey) && PolicyJson.resourceMatches(r,
                        probeKey.replace("us-east-1", "eu-west-3"))) {
                    anyKey = true;
                } else if (r.matches("arn:aws[a-z-]*:kms:[a-z0-9-]+:" + accountId + ":key/[0-9a-zA-Z-]+")) {
                    oneKeys.add(r);
                }
            }
        }
        if ((anyKey || oneKeys.size() == 1) && !others.isEmpty()) {
            // Least privilege replaces the default version: these rights would be taken from whoever has it.
            return new Grant(Grant.Scope.NONE, null, "it allows more than kms:Decrypt (" + String.join(", ", others)
                    + "), which the least-privilege step would take away from everyone it is attached to");
        }
        if (anyKey) {
            return new Grant(Grant.Scope.ANY_KEY_IN_ACCOUNT, null,
                    "it allows kms:Decrypt on any key in account " + accountId);
        }
        if (oneKeys.size() == 1) {
            return new Grant(Grant.Scope.ONE_KEY, oneKeys.get(0),
                    "it allows kms:Decrypt on one key: " + oneKeys.get(0));
        }
        if (oneKeys.size() > 1) {
            return new Grant(Grant.Scope.NONE, null,
                    "it allows kms:Decrypt on several specific keys (" + String.join(", ", oneKeys)
                            + "), not on this account's keys as a whole nor on one key");
        }
        return new Grant(Grant.Scope.NONE, null,
                "it does not allow kms:Decrypt (without conditions) on this account's keys ("
                        + anyKeyResource(accountId) + ") nor on one key ARN of account " + accountId);
    }
}
