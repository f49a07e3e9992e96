package com.npskms.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The key policy the KMS console writes (AWS-NOTES.md, "key-consolepolicy-3"): the account root, the key
 * administrators (statement left out when there are none; deletion rights optional), and the key users
 * (here the NPS user) for use and for grants on AWS resources.
 */
public final class KeyPolicyDocument {
    /** Size limit of a key policy. */
    public static final int MAX_BYTES = 32 * 1024;

    private static final List<String> ADMIN_ACTIONS_BEFORE_DELETE = List.of(
            "kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*",
            "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource",
            "kms:UntagResource");
    private static final List<String> DELETE_ACTIONS = List.of("kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion");
    private static final String ROTATE_ON_DEMAND = "kms:RotateKeyOnDemand";
    private static final List<String> USE_ACTIONS = List.of(
            "kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey");
    private static final List<String> GRANT_ACTIONS = List.of("kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant");

    private final String accountId;
    private final List<String> administrators;
    private final List<String> keyUsers;
    private final boolean allowAdministratorsToDelete;

    /**
     * @param accountId the key's account (its root gets {@code kms:*})
     * @param administrators IAM user/role ARNs; empty leaves the administrators statement out
     * @param keyUsers IAM user/role ARNs allowed to use the key (the NPS user)
     * @param allowAdministratorsToDelete the console's "Allow key administrators to delete this key"
     */
    public KeyPolicyDocument(String accountId, List<String> administrators, List<String> keyUsers,
                             boolean allowAdministratorsToDelete) {
        this.accountId = accountId;
        this.administrators = List.copyOf(administrators);
        this.keyUsers = List.copyOf(keyUsers);
        this.allowAdministratorsToDelete = allowAdministratorsToDelete;
    }

    /** The document as a JSON tree, statements and actions in the console's order. */
    public JsonNode toJsonNode() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode doc = f.objectNode();
        doc.put("Id", "key-consolepolicy-3");
        doc.put("Version", "2012-10-17");
        ArrayNode statements = doc.putArray("Statement");

        ObjectNode root = statements.addObject();
        root.put("Sid", "Enable IAM User Permissions");
        root.put("Effect", "Allow");
        root.putObject("Principal").put("AWS", "arn:aws:iam::" + accountId + ":root");
        root.put("Action", "kms:*");
        root.put("Resource", "*");

        if (!administrators.isEmpty()) {
            ObjectNode admins = statements.addObject();
            admins.put("Sid", "Allow access for Key Administrators");
            admins.put("Effect", "Allow");
            principals(admins, administrators);
            ArrayNode actions = admins.putArray("Action");
            ADMIN_ACTIONS_BEFORE_DELETE.forEach(actions::add);
            if (allowAdministratorsToDelete) {
                DELETE_ACTIONS.forEach(actions::add);
            }
            actions.add(ROTATE_ON_DEMAND);
            admins.put("Resource", "*");
        }
        if (!keyUsers.isEmpty()) {
            ObjectNode use = statements.addObject();
            use.put("Sid", "Allow use of the key");
            use.put("Effect", "Allow");
            principals(use, keyUsers);
            ArrayNode useActions = use.putArray("Action");
            USE_ACTIONS.forEach(useActions::add);
            use.put("Resource", "*");

            ObjectNode grants = statements.addObject();
            grants.put("Sid", "Allow attachment of persistent resources");
            grants.put("Effect", "Allow");
            principals(grants, keyUsers);
            ArrayNode grantActions = grants.putArray("Action");
            GRANT_ACTIONS.forEach(grantActions::add);
            grants.put("Resource", "*");
            grants.putObject("Condition").putObject("Bool").put("kms:GrantIsForAWSResource", "true");
        }
        return doc;
    }

    private static void principals(ObjectNode statement, List<String> arns) {
        ArrayNode aws = statement.putObject("Principal").putArray("AWS");
        arns.forEach(aws::add);
    }

    /** The document as sent to KMS and shown in the preview. */
    public String toJson() {
        return PolicyJson.pretty(toJsonNode());
    }

    /**
     * Whether a key policy lets {@code userArn} use the key as NPS does: encrypt and decrypt. The key policy
     * itself must name the user for both (as the console's "Allow use of the key" does): the NPS IAM policy
     * grants only kms:Decrypt, so an account-root statement alone would leave NPS unable to encrypt.
     */
    public static Access accessOf(String keyPolicy, String accountId, String userArn) {
        JsonNode doc;
        try {
            doc = PolicyJson.parse(keyPolicy);
        } catch (IllegalArgumentException e) {
            return new Access(false, "its key policy is not valid JSON");
        }
        String rootArn = "arn:aws:iam::" + accountId + ":root";
        boolean encrypt = false;
        boolean decrypt = false;
        boolean viaRoot = false;
        for (JsonNode st : PolicyJson.statements(doc)) {
            if (st.has("NotPrincipal") || st.has("NotAction")) {
                continue;
            }
            List<String> actions = PolicyJson.strings(st.get("Action"));
            boolean enc = actions.stream().anyMatch(a -> PolicyJson.actionMatches(a, "kms:Encrypt"));
            boolean dec = actions.stream().anyMatch(a -> PolicyJson.actionMatches(a, "kms:Decrypt"));
            if (!enc && !dec) {
                continue;
            }
            List<String> principals = principalArns(st.get("Principal"));
            boolean namesUser = principals.contains(userArn) || principals.contains("*");
            if ("Deny".equals(st.path("Effect").asText()) && (namesUser || principals.contains(rootArn))) {
                return new Access(false, "its key policy denies " + (dec ? "kms:Decrypt" : "kms:Encrypt")
                        + " to " + userArn);
            }
            if (!"Allow".equals(st.path("Effect").asText()) || st.has("Condition")) {
                continue;
            }
            if (principals.contains(userArn)) {
                encrypt |= enc;
                decrypt |= dec;
            } else if (principals.contains(rootArn) || principals.contains(accountId)) {
                viaRoot = true;
            }
        }
        if (encrypt && decrypt) {
            return new Access(true, "its key policy names " + userArn + " as a key user (encrypt and decrypt)");
        }
        if (encrypt || decrypt) {
            return new Access(false, "its key policy lets " + userArn + " " + (encrypt ? "encrypt" : "decrypt")
                    + " but not " + (encrypt ? "decrypt" : "encrypt"));
        }
        if (viaRoot) {
            return new Access(false, "its key policy does not name " + userArn + " as a key user; it leaves use"
                    + " of the key to IAM policies, and the NPS policy allows only kms:Decrypt, so NPS could not"
                    + " encrypt");
        }
        return new Access(false, "its key policy does not name " + userArn + " as a key user");
    }

    private static List<String> principalArns(JsonNode principal) {
        if (principal == null) {
            return List.of();
        }
        if (principal.isTextual()) {
            return List.of(principal.asText());
        }
        return PolicyJson.strings(principal.get("AWS"));
    }

    /** The answer of {@link #accessOf}: may the user decrypt, and why (not). */
    public record Access(boolean allowed, String reason) {
    }
}
