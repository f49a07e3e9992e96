package com.npskms.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.npskms.sandbox.PolicyEvaluation.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.iam.model.*;

/** IAM over the AWS Query protocol: the operations the NPS procedure, its roll back and its pre-flight use. */
final class IamApi {
    static final String NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";
    private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]+");
    private static final Pattern PATH = Pattern.compile("(/)|(/[\\u0021-\\u007E]+/)");
    private static final Pattern TAG_KEY = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
    private static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
    private static final Pattern VERSION_ID = Pattern.compile("v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?");
    private static final int MAX_POLICY_VERSIONS = 5;
    private static final int MAX_ACCESS_KEYS = 2;
    private static final int MAX_TAGS = 50;
    private static final int MAX_MANAGED_POLICIES_PER_USER = 10;
    private static final int MAX_POLICY_SIZE = 6144;
    private static final int MAX_INLINE_POLICY_SIZE = 2048;

    /** Operations that change state (the state file is written after them). */
    static final java.util.Set<String> MUTATING = java.util.Set.of("CreatePolicy", "CreatePolicyVersion",
            "DeletePolicyVersion", "SetDefaultPolicyVersion", "DeletePolicy", "CreateUser", "DeleteUser", "TagUser", "UntagUser",
            "AttachUserPolicy", "DetachUserPolicy", "PutUserPolicy", "DeleteUserPolicy", "CreateLoginProfile",
            "DeleteLoginProfile", "CreateAccessKey", "UpdateAccessKey", "DeleteAccessKey");

    private final Account account;

    IamApi(Account account) {
        this.account = account;
    }

    /** Answers one IAM action with its result object (null for actions with an empty result). */
    SdkPojo handle(String action, QueryParams p, Caller caller) {
        return switch (action) {
            case "CreatePolicy" -> createPolicy(p, caller);
            case "GetPolicy" -> getPolicy(p, caller);
            case "GetPolicyVersion" -> getPolicyVersion(p, caller);
            case "ListPolicyVersions" -> listPolicyVersions(p, caller);
            case "CreatePolicyVersion" -> createPolicyVersion(p, caller);
            case "DeletePolicyVersion" -> deletePolicyVersion(p, caller);
            case "SetDefaultPolicyVersion" -> setDefaultPolicyVersion(p, caller);
            case "DeletePolicy" -> deletePolicy(p, caller);
            case "ListPolicies" -> listPolicies(p, caller);
            case "CreateUser" -> createUser(p, caller);
            case "GetUser" -> getUser(p, caller);
            case "ListUsers" -> listUsers(p, caller);
            case "DeleteUser" -> deleteUser(p, caller);
            case "TagUser" -> tagUser(p, caller);
            case "UntagUser" -> untagUser(p, caller);
            case "ListUserTags" -> listUserTags(p, caller);
            case "AttachUserPolicy" -> attachUserPolicy(p, caller);
            case "DetachUserPolicy" -> detachUserPolicy(p, caller);
            case "ListAttachedUserPolicies" -> listAttachedUserPolicies(p, caller);
            case "PutUserPolicy" -> putUserPolicy(p, caller);
            case "ListUserPolicies" -> listUserPolicies(p, caller);
            case "GetUserPolicy" -> getUserPolicy(p, caller);
            case "DeleteUserPolicy" -> deleteUserPolicy(p, caller);
            case "CreateLoginProfile" -> createLoginProfile(p, caller);
            case "DeleteLoginProfile" -> deleteLoginProfile(p, caller);
            case "GetLoginProfile" -> getLoginProfile(p, caller);
            case "CreateAccessKey" -> createAccessKey(p, caller);
            case "ListAccessKeys" -> listAccessKeys(p, caller);
            case "UpdateAccessKey" -> updateAccessKey(p, caller);
            case "DeleteAccessKey" -> deleteAccessKey(p, caller);
            case "GetAccessKeyLastUsed" -> getAccessKeyLastUsed(p, caller);
            case "ListRoles" -> listRoles(p, caller);
            case "GetRole" -> getRole(p, caller);
            case "SimulatePrincipalPolicy" -> simulatePrincipalPolicy(p, caller);
            default -> throw new AwsError(400, "InvalidAction",
                    "Could not find operation " + action + " for version 2010-05-08");
        };
    }

    // ---------------------------------------------------------------- policies

    private SdkPojo createPolicy(QueryParams p, Caller caller) {
        String name = name(p.required("PolicyName"), "policyName", 128);
        String path = path(p.get("Path"));
        String description = p.get("Description");
        if (description != null && description.length() > 1000) {
            throw lengthError(description, "description", 1000);
        }
        String arn = "arn:aws:iam::" + account.id() + ":policy" + path + name;
        account.requireIam(caller, "iam:CreatePolicy", arn);
        String document = p.required("PolicyDocument");
        validateIdentityPolicy(document, MAX_POLICY_SIZE);
        Map<String, String> tags = p.tags("Tags");
        validateTags(tags, 0);
        for (SandboxState.ManagedPolicy existing : account.state.policies.values()) {
            if (existing.name.equalsIgnoreCase(name)) {
                throw AwsError.entityAlreadyExists("A policy called " + name
                        + " already exists. Duplicate names are not allowed.");
            }
        }
        SandboxState.ManagedPolicy mp = new SandboxState.ManagedPolicy();
        mp.name = name;
        mp.path = path;
        mp.arn = arn;
        mp.policyId = account.newId("ANPA");
        mp.description = description;
        mp.created = account.now();
        mp.updated = mp.created;
        mp.tags.putAll(tags);
        SandboxState.PolicyVersion v = new SandboxState.PolicyVersion();
        v.versionId = "v" + mp.nextVersion++;
        v.document = document;
        v.created = mp.created;
        mp.versions.add(v);
        mp.defaultVersionId = v.versionId;
        account.state.policies.put(arn, mp);
        return CreatePolicyResponse.builder().policy(policyOf(mp)).build();
    }

    private SdkPojo getPolicy(QueryParams p, Caller caller) {
        String arn = p.required("PolicyArn");
        account.requireIam(caller, "iam:GetPolicy", arn);
        return GetPolicyResponse.builder().policy(policyOf(policy(arn))).build();
    }

    private SdkPojo getPolicyVersion(QueryParams p, Caller caller) {
        String arn = p.required("PolicyArn");
        String versionId = p.required("VersionId");
        account.requireIam(caller, "iam:GetPolicyVersion", arn);
        SandboxState.ManagedPolicy mp = policy(arn);
        SandboxState.PolicyVersion v = version(mp, versionId);
        return GetPolicyVersionResponse.builder().policyVersion(versionOf(mp, v, true)).build();
    }

    private SdkPojo listPolicyVersions(QueryParams p, Caller caller) {
        String arn = p.required("PolicyArn");
        account.requireIam(caller, "iam:ListPolicyVersions", arn);
        SandboxState.ManagedPolicy mp = policy(arn);
        List<PolicyVersion> versions = new ArrayList<>();
        // AWS lists the newest version first.
        for (int i = mp.versions.size() - 1; i >= 0; i--) {
            versions.add(versionOf(mp, mp.versions.get(i), false));
        }
        Page<PolicyVersion> page = Page.of(versions, p);
        return ListPolicyVersionsResponse.builder().versions(page.items()).isTruncated(page.truncated())
                .marker(page.marker()).build();
    }

    private SdkPojo createPolicyVersion(QueryParams p, Caller caller) {
        String arn = p.required("PolicyArn");
        account.requireIam(caller, "iam:CreatePolicyVersion", arn);
        SandboxState.ManagedPolicy mp = ownPolicy(arn);
        String document = p.required("PolicyDocument");
        validateIdentityPolicy(document, MAX_POLICY_SIZE);
        if (mp.versions.size() >= MAX_POLICY_VERSIONS) {
            throw AwsError.limitExceeded("A managed policy can have up to " + MAX_POLICY_VERSIONS
                    + " versions. Before you create a new version, you must delete an existing version.");
        }
        SandboxState.PolicyVersion v = new SandboxState.PolicyVersion();
        v.versionId = "v" + mp.nextVersion++;
        v.document = document;
        v.created = account.now();
        mp.versions.add(v);
        if (p.bool("SetAsDefault", false)) {
            mp.defaultVersionId = v.versionId;
        }
        mp.updated = v.created;
        return CreatePolicyVersionResponse.builder().policyVersion(versionOf(mp, v, false)).build();
    }

    private SdkPojo deletePolicyVersion(QueryParams p, Caller caller) {
        String arn = p.required("PolicyArn");
        String versionId = p.required("VersionId");
        account.requireIam(caller, "iam:DeletePolicyVersion", arn);
        SandboxState.ManagedPolicy mp = ownPolicy(arn);
        SandboxState.PolicyVersion v = version(mp, versionId);
        if (v.versionId.equals(mp.defaultVersionId)) {
            throw AwsError.deleteConflict("Cannot delete the default version of a policy.");
        }
        mp.versions.remove(v);
        return null;
    }

    private SdkPojo setDefaultPolicyVersion(QueryParams p, Caller caller) {
        String arn = p.required("PolicyArn");
        String versionId = p.required("VersionId");
        account.requireIam(caller, "iam:SetDefaultPolicyVersion", arn);
        SandboxState.ManagedPolicy mp = ownPolicy(arn);
        mp.defaultVersionId = version(mp, versionId).versionId;
        mp.updated = account.now();
        return null;
    }

    private SdkPojo deletePolicy(QueryParams p, Caller caller) {
        String arn = p.required("PolicyArn");
        account.requireIam(caller, "iam:DeletePolicy", arn);
        SandboxState.ManagedPolicy mp = ownPolicy(arn);
        if (attachments(arn) > 0) {
            throw AwsError.deleteConflict("Cannot delete a policy attached to entities.");
        }
        if (mp.versions.size() > 1) {
            throw AwsError.deleteConflict("This policy has more than one version. Before you delete a policy, "
                    + "you must delete the policy's versions. The default version is deleted with the policy.");
        }
        account.state.policies.remove(arn);
        return null;
    }

    private SdkPojo listPolicies(QueryParams p, Caller caller) {
        account.requireIam(caller, "iam:ListPolicies", "arn:aws:iam::" + account.id() + ":policy/");
        String scope = p.get("Scope") == null ? "All" : p.get("Scope");
        boolean onlyAttached = p.bool("OnlyAttached", false);
        String prefix = p.get("PathPrefix") == null ? "/" : p.get("PathPrefix");
        List<SandboxState.ManagedPolicy> all = new ArrayList<>();
        if (!"AWS".equals(scope)) {
            all.addAll(account.state.policies.values());
        }
        if (!"Local".equals(scope)) {
            all.add(Account.awsAdministratorAccess());
        }
        List<Policy> out = new ArrayList<>();
        for (SandboxState.ManagedPolicy mp : all) {
            if (mp.path.startsWith(prefix) && (!onlyAttached || attachments(mp.arn) > 0)) {
                out.add(policyOf(mp).toBuilder().description(null).tags((List<Tag>) null).build());
            }
        }
        Page<Policy> page = Page.of(out, p);
        return ListPoliciesResponse.builder().policies(page.items()).isTruncated(page.truncated())
                .marker(page.marker()).build();
    }

    // ---------------------------------------------------------------- users

    private SdkPojo createUser(QueryParams p, Caller caller) {
        String name = name(p.required("UserName"), "userName", 64);
        String path = path(p.get("Path"));
        String arn = "arn:aws:iam::" + account.id() + ":user" + path + name;
        account.requireIam(caller, "iam:CreateUser", arn);
        Map<String, String> tags = p.tags("Tags");
        validateTags(tags, 0);
        if (account.user(name) != null) {
            throw AwsError.entityAlreadyExists("User with name " + name + " already exists.");
        }
        SandboxState.User u = new SandboxState.User();
        u.name = name;
        u.path = path;
        u.userId = account.newId("AIDA");
        u.created = account.now();
        u.tags.putAll(tags);
        account.state.users.put(name.toLowerCase(Locale.ROOT), u);
        return CreateUserResponse.builder().user(userOf(u, true)).build();
    }

    private SdkPojo getUser(QueryParams p, Caller caller) {
        SandboxState.User u = p.get("UserName") == null ? caller.user() : user(p.get("UserName"));
        account.requireIam(caller, "iam:GetUser", u.arn(account.id()));
        return GetUserResponse.builder().user(userOf(u, true)).build();
    }

    private SdkPojo listUsers(QueryParams p, Caller caller) {
        account.requireIam(caller, "iam:ListUsers", "arn:aws:iam::" + account.id() + ":user/");
        String prefix = p.get("PathPrefix") == null ? "/" : p.get("PathPrefix");
        List<User> out = new ArrayList<>();
        account.state.users.values().stream().sorted(Comparator.comparing(u -> u.name.toLowerCase(Locale.ROOT)))
                .filter(u -> u.path.startsWith(prefix)).forEach(u -> out.add(userOf(u, false)));
        Page<User> page = Page.of(out, p);
        return ListUsersResponse.builder().users(page.items()).isTruncated(page.truncated())
                .marker(page.marker()).build();
    }

    private SdkPojo deleteUser(QueryParams p, Caller caller) {
        SandboxState.User u = user(p.required("UserName"));
        account.requireIam(caller, "iam:DeleteUser", u.arn(account.id()));
        if (u.loginProfile != null) {
            throw AwsError.deleteConflict("Cannot delete entity, must delete login profile first.");
        }
        if (account.state.accessKeys.values().stream().anyMatch(k -> k.userName.equalsIgnoreCase(u.name))) {
            throw AwsError.deleteConflict("Cannot delete entity, must delete access keys first.");
        }
        if (!u.attachedPolicies.isEmpty()) {
            throw AwsError.deleteConflict("Cannot delete entity, must detach all policies first.");
        }
        if (!u.inlinePolicies.isEmpty()) {
            throw AwsError.deleteConflict("Cannot delete entity, must delete policies first.");
        }
        account.state.users.remove(u.name.toLowerCase(Locale.ROOT));
        return null;
    }

    private SdkPojo tagUser(QueryParams p, Caller caller) {
        SandboxState.User u = user(p.required("UserName"));
        account.requireIam(caller, "iam:TagUser", u.arn(account.id()));
        Map<String, String> tags = p.tags("Tags");
        if (tags.isEmpty()) {
            throw AwsError.validation("1 validation error detected: Value null at 'tags' failed to satisfy "
                    + "constraint: Member must not be null");
        }
        long added = tags.keySet().stream().filter(k -> u.tags.keySet().stream().noneMatch(k::equalsIgnoreCase)).count();
        validateTags(tags, u.tags.size() + (int) added - tags.size());
        for (Map.Entry<String, String> t : tags.entrySet()) {
            // Tag keys are case-insensitive in IAM: a new casing replaces the old tag.
            u.tags.keySet().removeIf(k -> k.equalsIgnoreCase(t.getKey()));
            u.tags.put(t.getKey(), t.getValue());
        }
        return null;
    }

    private SdkPojo untagUser(QueryParams p, Caller caller) {
        SandboxState.User u = user(p.required("UserName"));
        account.requireIam(caller, "iam:UntagUser", u.arn(account.id()));
        for (String key : p.list("TagKeys")) {
            u.tags.keySet().removeIf(k -> k.equalsIgnoreCase(key));
        }
        return null;
    }

    private SdkPojo listUserTags(QueryParams p, Caller caller) {
        SandboxState.User u = user(p.required("UserName"));
        account.requireIam(caller, "iam:ListUserTags", u.arn(account.id()));
        return ListUserTagsResponse.builder().tags(tagsOf(u.tags)).isTruncated(false).build();
    }

    private SdkPojo attachUserPolicy(QueryParams p, Caller caller) {
        SandboxState.User u = user(p.required("UserName"));
        String arn = p.required("PolicyArn");
        account.requireIam(caller, "iam:AttachUserPolicy", u.arn(account.id()));
        if (account.policy(arn) == null) {
            throw AwsError.noSuchEntity("Policy " + arn + " does not exist or is not attachable.");
        }
        if (!u.attachedPolicies.contains(arn)) {
            if (u.attachedPolicies.size() >= MAX_MANAGED_POLICIES_PER_USER) {
                throw AwsError.limitExceeded("Cannot exceed quota for PoliciesPerUser: " + MAX_MANAGED_POLICIES_PER_USER);
            }
            u.attachedPolicies.add(arn);
        }
        return null;
    }

    private SdkPojo detachUserPolicy(QueryParams p, Caller caller) {
        SandboxState.User u = user(p.required("UserName"));
        String arn = p.required("PolicyArn");
        account.requireIam(caller, "iam:DetachUserPolicy", u.arn(account.id()));
        if (!u.attachedPolicies.remove(arn)) {
            throw AwsError.noSuchEntity("Policy " + arn + " was not found.");
        }
        return null;
    }

    private SdkPojo listAttachedUserPolicies(QueryParams p, Caller caller) {
        SandboxState.User u = user(p.required("UserName"));
        account.requireIam(caller, "iam:ListAttachedUserPolicies", u.arn(account.id()));
        List<AttachedPolicy> out = new ArrayList<>();
        for (String arn : u.attachedPolicies) {
            SandboxState.ManagedPolicy mp = account.policy(arn);
            out.add(AttachedPolicy.builder().policyArn(arn).policyName(mp == null ? null : mp.name).build());
        }
        Page<AttachedPolicy> page = Page.of(out, p);
        return ListAttachedUserPoliciesResponse.builder().attachedPolicies(page.items())
                .isTruncated(page.truncated()).marker(page.marker()).build();
    }

    private SdkPojo putUserPolicy(QueryParams p, Caller caller) {
        SandboxState.User u = user(p.required("UserName"));
        String name = name(p.required("PolicyName"), "policyName", 128);
        account.requireIam(caller, "iam:PutUserPolicy", u.arn(account.id()));
        String document = p.required("PolicyDocument");
        validateIdentityPolicy(document, MAX_INLINE_POLICY_SIZE);
        u.inlinePolicies.put(name, document);
        return null;
    }

    private SdkPojo listUserPolicies(QueryParams p, Caller caller) {
        SandboxState.User u = user(p.required("UserName"));
        account.requireIam(caller, "iam:ListUserPolicies", u.arn(account.id()));
        return ListUserPoliciesResponse.builder().policyNames(new ArrayList<>(u.inlinePolicies.keySet()))
                .isTruncated(false).build();
    }

    private SdkPojo getUserPolicy(QueryParams p, Caller caller) {
        SandboxState.User u = user(p.required("UserName"));
        String name = p.required("PolicyName");
        account.requireIam(caller, "iam:GetUserPolicy", u.arn(account.id()));
        String document = u.inlinePolicies.get(name);
        if (document == null) {
            throw AwsError.noSuchEntity("The user policy with name " + name + " cannot be found.");
        }
        return GetUserPolicyResponse.builder().userName(u.name).policyName(name)
                .policyDocument(WireFormat.rfc3986(document)).build();
    }

    private SdkPojo deleteUserPolicy(QueryParams p, Caller caller) {
        SandboxState.User u = user(p.required("UserName"));
        String name = p.required("PolicyName");
        account.requireIam(caller, "iam:DeleteUserPolicy", u.arn(account.id()));
        if (u.inlinePolicies.remove(name) == null) {
            throw AwsError.noSuchEntity("The user policy with name " + name + " cannot be found.");
        }
        return null;
    }

    private SdkPojo createLoginProfile(QueryParams p, Caller caller) {
        SandboxState.User u = user(p.required("UserName"));
        account.requireIam(caller, "iam:CreateLoginProfile", u.arn(account.id()));
        String password = p.required("Password");
        checkPassword(password, u.name);
        if (u.loginProfile != null) {
            throw AwsError.entityAlreadyExists("Login Profile for user " + u.name + " already exists.");
        }
        SandboxState.LoginProfile lp = new SandboxState.LoginProfile();
        lp.created = account.now();
        lp.passwordResetRequired = p.bool("PasswordResetRequired", false);
        u.loginProfile = lp;
        return CreateLoginProfileResponse.builder().loginProfile(LoginProfile.builder().userName(u.name)
                .createDate(Instant.ofEpochMilli(lp.created)).passwordResetRequired(lp.passwordResetRequired)
                .build()).build();
    }

    /** The account's default password policy: 8 or more characters, three of four character kinds. */
    private static void checkPassword(String password, String userName) {
        int kinds = 0;
        kinds += password.chars().anyMatch(Character::isUpperCase) ? 1 : 0;
        kinds += password.chars().anyMatch(Character::isLowerCase) ? 1 : 0;
        kinds += password.chars().anyMatch(Character::isDigit) ? 1 : 0;
        kinds += password.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 1 : 0;
        if (password.length() < 8 || kinds < 3 || password.equalsIgnoreCase(userName)) {
            throw new AwsError(400, "PasswordPolicyViolation", "Password does not conform to the account password "
                    + "policy: at least 8 characters, with three of uppercase, lowercase, numbers and symbols, "
                    + "and not the user name.");
        }
        if (password.length() > 128) {
            throw lengthError("*", "password", 128);
        }
    }

    private SdkPojo getLoginProfile(QueryParams p, Caller caller) {
        SandboxState.User u = user(p.required("UserName"));
        account.requireIam(caller, "iam:GetLoginProfile", u.arn(account.id()));
        if (u.loginProfile == null) {
            throw AwsError.noSuchEntity("Login Profile for User " + u.name + " cannot be found.");
        }
        return GetLoginProfileResponse.builder().loginProfile(LoginProfile.builder().userName(u.name)
                .createDate(Instant.ofEpochMilli(u.loginProfile.created))
                .passwordResetRequired(u.loginProfile.passwordResetRequired).build()).build();
    }

    private SdkPojo deleteLoginProfile(QueryParams p, Caller caller) {
        SandboxState.User u = user(p.required("UserName"));
        account.requireIam(caller, "iam:DeleteLoginProfile", u.arn(account.id()));
        if (u.loginProfile == null) {
            throw AwsError.noSuchEntity("Login Profile for User " + u.name + " cannot be found.");
        }
        u.loginProfile = null;
        return null;
    }

    // ---------------------------------------------------------------- access keys

    private SdkPojo createAccessKey(QueryParams p, Caller caller) {
        SandboxState.User u = p.get("UserName") == null ? caller.user() : user(p.get("UserName"));
        account.requireIam(caller, "iam:CreateAccessKey", u.arn(account.id()));
        long count = account.state.accessKeys.values().stream().filter(k -> k.userName.equalsIgnoreCase(u.name)).count();
        if (count >= MAX_ACCESS_KEYS) {
            throw AwsError.limitExceeded("Cannot exceed quota for AccessKeysPerUser: " + MAX_ACCESS_KEYS);
        }
        SandboxState.AccessKey k = account.newAccessKey(u.name);
        return CreateAccessKeyResponse.builder().accessKey(AccessKey.builder().userName(u.name).accessKeyId(k.id)
                .status(k.status).secretAccessKey(k.secret).createDate(Instant.ofEpochMilli(k.created)).build()).build();
    }

    private SdkPojo listAccessKeys(QueryParams p, Caller caller) {
        SandboxState.User u = p.get("UserName") == null ? caller.user() : user(p.get("UserName"));
        account.requireIam(caller, "iam:ListAccessKeys", u.arn(account.id()));
        List<AccessKeyMetadata> out = new ArrayList<>();
        for (SandboxState.AccessKey k : account.state.accessKeys.values()) {
            if (k.userName.equalsIgnoreCase(u.name)) {
                out.add(AccessKeyMetadata.builder().userName(u.name).accessKeyId(k.id).status(k.status)
                        .createDate(Instant.ofEpochMilli(k.created)).build());
            }
        }
        return ListAccessKeysResponse.builder().accessKeyMetadata(out).isTruncated(false).build();
    }

    private SandboxState.AccessKey ownedKey(QueryParams p, Caller caller, String action) {
        SandboxState.User u = p.get("UserName") == null ? caller.user() : user(p.get("UserName"));
        String id = p.required("AccessKeyId");
        account.requireIam(caller, action, u.arn(account.id()));
        SandboxState.AccessKey k = account.state.accessKeys.get(id);
        if (k == null || !k.userName.equalsIgnoreCase(u.name)) {
            throw AwsError.noSuchEntity("The Access Key with id " + id + " cannot be found.");
        }
        return k;
    }

    private SdkPojo updateAccessKey(QueryParams p, Caller caller) {
        String status = p.required("Status");
        if (!"Active".equals(status) && !"Inactive".equals(status)) {
            throw AwsError.validation("1 validation error detected: Value '" + status + "' at 'status' failed to "
                    + "satisfy constraint: Member must satisfy enum value set: [Active, Inactive]");
        }
        SandboxState.AccessKey k = ownedKey(p, caller, "iam:UpdateAccessKey");
        k.status = status;
        return null;
    }

    private SdkPojo deleteAccessKey(QueryParams p, Caller caller) {
        SandboxState.AccessKey k = ownedKey(p, caller, "iam:DeleteAccessKey");
        account.state.accessKeys.remove(k.id);
        return null;
    }

    private SdkPojo getAccessKeyLastUsed(QueryParams p, Caller caller) {
        String id = p.required("AccessKeyId");
        SandboxState.AccessKey k = account.state.accessKeys.get(id);
        if (k == null) {
            throw AwsError.noSuchEntity("The Access Key with id " + id + " cannot be found.");
        }
        SandboxState.User u = account.user(k.userName);
        account.requireIam(caller, "iam:GetAccessKeyLastUsed", u == null ? "*" : u.arn(account.id()));
        AccessKeyLastUsed.Builder last = AccessKeyLastUsed.builder();
        if (k.lastUsed == 0) {
            last.serviceName("N/A").region("N/A");
        } else {
            last.lastUsedDate(Instant.ofEpochMilli(k.lastUsed)).serviceName(k.lastUsedService).region(k.lastUsedRegion);
        }
        return GetAccessKeyLastUsedResponse.builder().userName(k.userName).accessKeyLastUsed(last.build()).build();
    }

    // ---------------------------------------------------------------- roles and simulation

    private SdkPojo listRoles(QueryParams p, Caller caller) {
        account.requireIam(caller, "iam:ListRoles", "arn:aws:iam::" + account.id() + ":role/");
        String prefix = p.get("PathPrefix") == null ? "/" : p.get("PathPrefix");
        List<Role> out = new ArrayList<>();
        for (SandboxState.Role r : account.state.roles.values()) {
            if (r.path.startsWith(prefix)) {
                out.add(roleOf(r));
            }
        }
        Page<Role> page = Page.of(out, p);
        return ListRolesResponse.builder().roles(page.items()).isTruncated(page.truncated()).marker(page.marker()).build();
    }

    private SdkPojo getRole(QueryParams p, Caller caller) {
        String name = p.required("RoleName");
        SandboxState.Role r = account.role(name);
        if (r == null) {
            throw AwsError.noSuchEntity("The role with name " + name + " cannot be found.");
        }
        account.requireIam(caller, "iam:GetRole", r.arn(account.id()));
        return GetRoleResponse.builder().role(roleOf(r)).build();
    }

    private SdkPojo simulatePrincipalPolicy(QueryParams p, Caller caller) {
        String source = p.required("PolicySourceArn");
        account.requireIam(caller, "iam:SimulatePrincipalPolicy", source);
        List<PolicyEvaluation.Source> policies;
        String prefix = "arn:aws:iam::" + account.id() + ":";
        if (source.startsWith(prefix + "user/")) {
            SandboxState.User u = account.user(source.substring(source.lastIndexOf('/') + 1));
            if (u == null || !u.arn(account.id()).equals(source)) {
                throw AwsError.noSuchEntity("The user with name " + source.substring(source.lastIndexOf('/') + 1)
                        + " cannot be found.");
            }
            policies = account.policiesOf(u);
        } else if (source.startsWith(prefix + "role/")) {
            SandboxState.Role r = account.role(source.substring(source.lastIndexOf('/') + 1));
            if (r == null || !r.arn(account.id()).equals(source)) {
                throw AwsError.noSuchEntity("The role with name " + source.substring(source.lastIndexOf('/') + 1)
                        + " cannot be found.");
            }
            policies = account.policiesOf(r);
        } else {
            throw AwsError.invalidInput("Invalid Entity Arn: " + source + " does not clearly define entity type "
                    + "and name.");
        }
        List<String> actions = p.list("ActionNames");
        if (actions.isEmpty()) {
            throw AwsError.validation("1 validation error detected: Value null at 'actionNames' failed to satisfy "
                    + "constraint: Member must not be null");
        }
        List<String> resources = p.list("ResourceArns");
        if (resources.isEmpty()) {
            resources = List.of("*");
        }
        List<EvaluationResult> results = new ArrayList<>();
        for (String action : actions) {
            for (String resource : resources) {
                Outcome o = PolicyEvaluation.evaluate(policies, action, resource, Map.of());
                List<Statement> matched = new ArrayList<>();
                for (String id : o.matchedSources()) {
                    matched.add(Statement.builder().sourcePolicyId(id)
                            .sourcePolicyType(id.startsWith("arn:") ? "IAM Policy" : "user").build());
                }
                results.add(EvaluationResult.builder().evalActionName(action).evalResourceName(resource)
                        .evalDecision(o.decision().wire).matchedStatements(matched).missingContextValues(List.of())
                        .build());
            }
        }
        return SimulatePrincipalPolicyResponse.builder().evaluationResults(results).isTruncated(false).build();
    }

    // ---------------------------------------------------------------- helpers

    private SandboxState.User user(String name) {
        SandboxState.User u = account.user(name);
        if (u == null) {
            throw AwsError.noSuchEntity("The user with name " + name + " cannot be found.");
        }
        return u;
    }

    private SandboxState.ManagedPolicy policy(String arn) {
        SandboxState.ManagedPolicy mp = account.policy(arn);
        if (mp == null) {
            throw AwsError.noSuchEntity("Policy " + arn + " does not exist or is not attachable.");
        }
        return mp;
    }

    /** A policy this account may change (not the AWS-managed one). */
    private SandboxState.ManagedPolicy ownPolicy(String arn) {
        SandboxState.ManagedPolicy mp = policy(arn);
        if (!account.state.policies.containsKey(arn)) {
            throw new AwsError(403, "AccessDenied", "Cannot modify an AWS managed policy: " + arn);
        }
        return mp;
    }

    private static SandboxState.PolicyVersion version(SandboxState.ManagedPolicy mp, String versionId) {
        if (!VERSION_ID.matcher(versionId).matches()) {
            throw AwsError.validation("1 validation error detected: Value '" + versionId + "' at 'versionId' failed "
                    + "to satisfy constraint: Member must satisfy regular expression pattern: v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?");
        }
        SandboxState.PolicyVersion v = mp.version(versionId);
        if (v == null) {
            throw AwsError.noSuchEntity("Policy " + mp.arn + " version " + versionId + " does not exist or is not "
                    + "attachable.");
        }
        return v;
    }

    private int attachments(String arn) {
        int n = 0;
        for (SandboxState.User u : account.state.users.values()) {
            n += u.attachedPolicies.contains(arn) ? 1 : 0;
        }
        for (SandboxState.Role r : account.state.roles.values()) {
            n += r.attachedPolicies.contains(arn) ? 1 : 0;
        }
        return n;
    }

    private Policy policyOf(SandboxState.ManagedPolicy mp) {
        return Policy.builder().policyName(mp.name).policyId(mp.policyId).arn(mp.arn).path(mp.path)
                .defaultVersionId(mp.defaultVersionId).attachmentCount(attachments(mp.arn))
                .permissionsBoundaryUsageCount(0).isAttachable(true).description(mp.description)
                .createDate(Instant.ofEpochMilli(mp.created)).updateDate(Instant.ofEpochMilli(mp.updated))
                .tags(mp.tags.isEmpty() ? null : tagsOf(mp.tags)).build();
    }

    private static PolicyVersion versionOf(SandboxState.ManagedPolicy mp, SandboxState.PolicyVersion v, boolean withDocument) {
        return PolicyVersion.builder().versionId(v.versionId).isDefaultVersion(v.versionId.equals(mp.defaultVersionId))
                .createDate(Instant.ofEpochMilli(v.created))
                .document(withDocument ? WireFormat.rfc3986(v.document) : null).build();
    }

    private User userOf(SandboxState.User u, boolean withTags) {
        return User.builder().path(u.path).userName(u.name).userId(u.userId).arn(u.arn(account.id()))
                .createDate(Instant.ofEpochMilli(u.created))
                .tags(withTags && !u.tags.isEmpty() ? tagsOf(u.tags) : null).build();
    }

    private Role roleOf(SandboxState.Role r) {
        return Role.builder().path(r.path).roleName(r.name).roleId(r.roleId).arn(r.arn(account.id()))
                .createDate(Instant.ofEpochMilli(r.created)).description(r.description).maxSessionDuration(3600)
                .assumeRolePolicyDocument(WireFormat.rfc3986(r.assumeRolePolicy)).build();
    }

    private static List<Tag> tagsOf(Map<String, String> tags) {
        List<Tag> out = new ArrayList<>();
        tags.forEach((k, v) -> out.add(Tag.builder().key(k).value(v).build()));
        return out;
    }

    private static String name(String value, String field, int max) {
        if (value.isEmpty() || value.length() > max) {
            throw lengthError(value, field, max);
        }
        if (!NAME.matcher(value).matches()) {
            throw AwsError.validation("1 validation error detected: Value '" + value + "' at '" + field
                    + "' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+");
        }
        return value;
    }

    private static String path(String path) {
        if (path == null) {
            return "/";
        }
        if (path.length() > 512 || !PATH.matcher(path).matches()) {
            throw AwsError.validation("1 validation error detected: Value '" + path + "' at 'path' failed to satisfy "
                    + "constraint: Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)");
        }
        return path;
    }

    private static AwsError lengthError(String value, String field, int max) {
        return AwsError.validation("1 validation error detected: Value '" + value + "' at '" + field
                + "' failed to satisfy constraint: Member must have length " + (value.isEmpty()
                ? "greater than or equal to 1" : "less than or equal to " + max));
    }

    /** Key 1–128 and value 0–256 characters of letters, digits, spaces and {@code _.:/=+-@}; at most 50 per user. */
    private static void validateTags(Map<String, String> tags, int existing) {
        int i = 1;
        for (Map.Entry<String, String> t : tags.entrySet()) {
            String k = t.getKey();
            String v = t.getValue();
            if (k.isEmpty() || k.length() > 128) {
                throw lengthError(k, "tags." + i + ".member.key", 128);
            }
            if (!TAG_KEY.matcher(k).matches()) {
                throw AwsError.validation("1 validation error detected: Value '" + k + "' at 'tags." + i
                        + ".member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                        + "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
            }
            if (k.toLowerCase(Locale.ROOT).startsWith("aws:")) {
                throw AwsError.invalidInput("Tag keys starting with 'aws:' are reserved for AWS use.");
            }
            if (v.length() > 256) {
                throw lengthError(v, "tags." + i + ".member.value", 256);
            }
            if (!TAG_VALUE.matcher(v).matches()) {
                throw AwsError.validation("1 validation error detected: Value '" + v + "' at 'tags." + i
                        + ".member.value' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                        + "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
            }
            i++;
        }
        if (existing + tags.size() > MAX_TAGS) {
            throw AwsError.limitExceeded("Cannot exceed quota for TagsPerUser: " + MAX_TAGS);
        }
    }

    /** The checks IAM makes on an identity policy: JSON, statements with Effect, Action and an ARN Resource, no Principal. */
    static void validateIdentityPolicy(String document, int maxSize) {
        if (document.replaceAll("\\s", "").length() > maxSize) {
            throw AwsError.limitExceeded("Cannot exceed quota for PolicySize: " + maxSize);
        }
        JsonNode doc;
        try {
            doc = WireFormat.JSON.readTree(document);
        } catch (Exception e) {
            throw AwsError.malformedPolicy("Syntax errors in policy.");
        }
        if (doc == null || !doc.isObject()) {
            throw AwsError.malformedPolicy("Syntax errors in policy.");
        }
        JsonNode version = doc.get("Version");
        if (version != null && !"2012-10-17".equals(version.asText()) && !"2008-10-17".equals(version.asText())) {
            throw AwsError.malformedPolicy("The policy must contain a valid version string");
        }
        JsonNode st = doc.get("Statement");
        if (st == null || !(st.isArray() || st.isObject()) || (st.isArray() && st.isEmpty())) {
            throw AwsError.malformedPolicy("Syntax errors in policy.");
        }
        for (JsonNode s : PolicyEvaluation.statements(doc)) {
            if (!s.isObject()) {
                throw AwsError.malformedPolicy("Syntax errors in policy.");
            }
            if (s.has("Principal") || s.has("NotPrincipal")) {
                throw AwsError.malformedPolicy("Policy document should not specify a principal.");
            }
            String effect = s.path("Effect").asText("");
            if (!"Allow".equals(effect) && !"Deny".equals(effect)) {
                throw AwsError.malformedPolicy("Syntax errors in policy.");
            }
            if (!s.has("Action") && !s.has("NotAction")) {
                throw AwsError.malformedPolicy("Policy statement must contain actions.");
            }
            for (String a : PolicyEvaluation.strings(s.has("Action") ? s.get("Action") : s.get("NotAction"))) {
                if (!"*".equals(a) && !a.matches("[A-Za-z0-9-]+:[A-Za-z0-9*?]+")) {
                    throw AwsError.malformedPolicy("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, "
                            + "ec2, etc.");
                }
            }
            if (!s.has("Resource") && !s.has("NotResource")) {
                throw AwsError.malformedPolicy("Policy statement must contain resources.");
            }
            for (String r : PolicyEvaluation.strings(s.has("Resource") ? s.get("Resource") : s.get("NotResource"))) {
                if (!"*".equals(r) && !r.matches("arn:[^:]*:[^:]*:[^:]*:[^:]*:.+")) {
                    throw AwsError.malformedPolicy("Resource " + r + " must be in ARN format or \"*\".");
                }
            }
        }
    }

    /** One page of a list answer, with AWS's Marker/MaxItems convention. */
    record Page<T>(List<T> items, boolean truncated, String marker) {
        static <T> Page<T> of(List<T> all, QueryParams p) {
            int max = p.integer("MaxItems", 100);
            if (max < 1 || max > 1000) {
                throw AwsError.validation("1 validation error detected: Value '" + max + "' at 'maxItems' failed to "
                        + "satisfy constraint: Member must have value between 1 and 1000");
            }
            int start = 0;
            if (p.get("Marker") != null) {
                try {
                    start = Integer.parseInt(p.get("Marker"));
                } catch (NumberFormatException e) {
                    throw AwsError.validation("Invalid Marker.");
                }
            }
            start = Math.min(Math.max(start, 0), all.size());
            int end = Math.min(all.size(), start + max);
            boolean more = end < all.size();
            return new Page<>(new ArrayList<>(all.subList(start, end)), more, more ? Integer.toString(end) : null);
        }
    }
}
