package com.npskms.sandbox;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the sandbox account holds, as plain Jackson-friendly fields (times are epoch milliseconds).
 * Guarded by the sandbox's lock; never shared outside it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
final class SandboxState {
    public String accountId;
    public String adminUserName;
    public String adminAccessKeyId;
    /** Users by lower-case name: IAM user names are unique regardless of case. */
    public Map<String, User> users = new LinkedHashMap<>();
    public Map<String, ManagedPolicy> policies = new LinkedHashMap<>();
    public Map<String, Role> roles = new LinkedHashMap<>();
    public Map<String, AccessKey> accessKeys = new LinkedHashMap<>();
    public Map<String, Key> keys = new LinkedHashMap<>();
    public Map<String, Alias> aliases = new LinkedHashMap<>();

    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class User {
        public String name;
        public String userId;
        public String path = "/";
        public long created;
        public Map<String, String> tags = new LinkedHashMap<>();
        public List<String> attachedPolicies = new ArrayList<>();
        public Map<String, String> inlinePolicies = new LinkedHashMap<>();
        public LoginProfile loginProfile;

        String arn(String account) {
            return "arn:aws:iam::" + account + ":user" + path + name;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class LoginProfile {
        public long created;
        public boolean passwordResetRequired;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class AccessKey {
        public String id;
        public String secret;
        public String userName;
        public String status = "Active";
        public long created;
        public long lastUsed;
        public String lastUsedService;
        public String lastUsedRegion;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class ManagedPolicy {
        public String name;
        public String policyId;
        public String arn;
        public String path = "/";
        public String description;
        public long created;
        public long updated;
        public String defaultVersionId;
        public int nextVersion = 1;
        public List<PolicyVersion> versions = new ArrayList<>();
        public Map<String, String> tags = new LinkedHashMap<>();

        PolicyVersion version(String id) {
            for (PolicyVersion v : versions) {
                if (v.versionId.equals(id)) {
                    return v;
                }
            }
            return null;
        }

        String defaultDocument() {
            PolicyVersion v = version(defaultVersionId);
            return v == null ? null : v.document;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class PolicyVersion {
        public String versionId;
        public String document;
        public long created;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class Role {
        public String name;
        public String roleId;
        public String path = "/";
        public String description;
        public long created;
        public String assumeRolePolicy;
        public List<String> attachedPolicies = new ArrayList<>();
        public Map<String, String> inlinePolicies = new LinkedHashMap<>();

        String arn(String account) {
            return "arn:aws:iam::" + account + ":role" + path + name;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class Key {
        public String keyId;
        public String arn;
        public String description = "";
        public long created;
        public String state = "Enabled";
        public long deletionDate;
        public int pendingWindowDays;
        public String policy;
        public boolean rotationEnabled;
        public Map<String, String> tags = new LinkedHashMap<>();
        /** The AES-256 key material, base64; the state file is owner-only for this reason. */
        public String material;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class Alias {
        public String name;
        public String keyId;
        public long created;
        public long updated;
    }
}
