package com.npskms.sandbox;

import com.npskms.sandbox.PolicyEvaluation.Decision;
import com.npskms.sandbox.PolicyEvaluation.Outcome;
import com.npskms.sandbox.PolicyEvaluation.Source;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The sandbox's one AWS account: its state plus the rules that read it (who a principal is, which policies
 * apply, what is allowed). Callers hold the sandbox lock.
 */
final class Account {
    static final String ADMIN_POLICY_ARN = "arn:aws:iam::aws:policy/AdministratorAccess";
    static final String ADMIN_POLICY_DOCUMENT =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
    private static final String ALNUM_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    final SandboxState state;
    final String region;
    final SecureRandom random = new SecureRandom();
    final LongSupplier clock;
    volatile long propagationMillis;

    Account(SandboxState state, String region, LongSupplier clock) {
        this.state = state;
        this.region = region;
        this.clock = clock;
    }

    String id() {
        return state.accountId;
    }

    long now() {
        return clock.getAsLong();
    }

    String rootArn() {
        return "arn:aws:iam::" + id() + ":root";
    }

    /** A new account with its bootstrap administrator and a few roles for the pickers. */
    static SandboxState seed(String accountId, SecureRandom random, long now) {
        SandboxState s = new SandboxState();
        s.accountId = accountId;
        Account a = new Account(s, "us-east-1", () -> now);
        SandboxState.User admin = new SandboxState.User();
        admin.name = "sandbox-admin";
        admin.userId = a.newId("AIDA");
        admin.created = now;
        admin.attachedPolicies.add(ADMIN_POLICY_ARN);
        s.users.put(admin.name, admin);
        s.adminUserName = admin.name;
        SandboxState.AccessKey key = a.newAccessKey(admin.name);
        s.adminAccessKeyId = key.id;
        a.seedRole("Admin", "Administrators of this account", ADMIN_POLICY_ARN, now);
        a.seedRole("KeyAdministrators", "People who manage KMS keys", null, now);
        return s;
    }

    private void seedRole(String name, String description, String policyArn, long now) {
        SandboxState.Role r = new SandboxState.Role();
        r.name = name;
        r.roleId = newId("AROA");
        r.description = description;
        r.created = now;
        r.assumeRolePolicy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"AWS\":\"" + rootArn() + "\"},\"Action\":\"sts:AssumeRole\"}]}";
        if (policyArn != null) {
            r.attachedPolicies.add(policyArn);
        } else {
            r.inlinePolicies.put("ManageKeys", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                    + "\"Action\":[\"kms:Create*\",\"kms:Describe*\",\"kms:Enable*\",\"kms:List*\",\"kms:Put*\","
                    + "\"kms:Update*\",\"kms:Revoke*\",\"kms:Disable*\",\"kms:Get*\",\"kms:Delete*\",\"kms:TagResource\","
                    + "\"kms:UntagResource\",\"kms:ScheduleKeyDeletion\",\"kms:CancelKeyDeletion\"],\"Resource\":\"*\"}]}");
        }
        state.roles.put(name.toLowerCase(Locale.ROOT), r);
    }

    SandboxState.AccessKey newAccessKey(String userName) {
        SandboxState.AccessKey k = new SandboxState.AccessKey();
        k.id = "AKIA" + randomString(ALNUM_UPPER, 16);
        k.secret = randomString(SECRET_CHARS, 40);
        k.userName = userName;
        k.created = now();
        state.accessKeys.put(k.id, k);
        return k;
    }

    String newId(String prefix) {
        return prefix + randomString(ALNUM_UPPER, 17);
    }

    private String randomString(String alphabet, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    SandboxState.User user(String name) {
        return name == null ? null : state.users.get(name.toLowerCase(Locale.ROOT));
    }

    SandboxState.Role role(String name) {
        return name == null ? null : state.roles.get(name.toLowerCase(Locale.ROOT));
    }

    /** The managed policy behind an ARN: the account's own, or the one AWS-managed policy the sandbox knows. */
    SandboxState.ManagedPolicy policy(String arn) {
        SandboxState.ManagedPolicy p = state.policies.get(arn);
        if (p == null && ADMIN_POLICY_ARN.equals(arn)) {
            return awsAdministratorAccess();
        }
        return p;
    }

    private static SandboxState.ManagedPolicy awsAdmin;

    static synchronized SandboxState.ManagedPolicy awsAdministratorAccess() {
        if (awsAdmin == null) {
            SandboxState.ManagedPolicy p = new SandboxState.ManagedPolicy();
            p.name = "AdministratorAccess";
            p.arn = ADMIN_POLICY_ARN;
            p.policyId = "ANPAIWMBCKSKIEE64ZLYK";
            p.description = "Provides full access to AWS services and resources.";
            p.created = 1423180800000L;
            p.updated = p.created;
            p.defaultVersionId = "v1";
            SandboxState.PolicyVersion v = new SandboxState.PolicyVersion();
            v.versionId = "v1";
            v.document = ADMIN_POLICY_DOCUMENT;
            v.created = p.created;
            p.versions.add(v);
            awsAdmin = p;
        }
        return awsAdmin;
    }

    /** The identity policies of a user: attached managed (default version) and inline. */
    List<Source> policiesOf(SandboxState.User u) {
        return policies(u.attachedPolicies, u.inlinePolicies, "user/" + u.name);
    }

    List<Source> policiesOf(SandboxState.Role r) {
        return policies(r.attachedPolicies, r.inlinePolicies, "role/" + r.name);
    }

    private List<Source> policies(List<String> attached, Map<String, String> inline, String owner) {
        List<Source> out = new ArrayList<>();
        for (String arn : attached) {
            SandboxState.ManagedPolicy p = policy(arn);
            if (p != null) {
                out.add(new Source(arn, p.defaultDocument()));
            }
        }
        for (Map.Entry<String, String> e : inline.entrySet()) {
            out.add(new Source(owner + "_" + e.getKey(), e.getValue()));
        }
        return out;
    }

    /** Identity-policy answer for a caller; the bootstrap administrator may do anything. */
    Outcome identityDecision(Caller caller, String action, String resource, Map<String, String> context) {
        if (caller.admin()) {
            return new Outcome(Decision.ALLOWED, List.of(ADMIN_POLICY_ARN));
        }
        return PolicyEvaluation.evaluate(policiesOf(caller.user()), action, resource, context);
    }

    /** IAM actions: identity policies only. Throws AccessDenied (HTTP 403). */
    void requireIam(Caller caller, String action, String resource) {
        Outcome o = identityDecision(caller, action, resource, Map.of());
        if (o.decision() != Decision.ALLOWED) {
            throw new AwsError(403, "AccessDenied", "User: " + caller.arn() + " is not authorized to perform: " + action
                    + " on resource: " + resource + (o.decision() == Decision.EXPLICIT_DENY
                    ? " with an explicit deny in an identity-based policy"
                    : " because no identity-based policy allows the " + action + " action"));
        }
    }

    /** KMS actions without a key (CreateKey, ListKeys, ListAliases, alias side of CreateAlias). */
    void requireKmsIdentity(Caller caller, String action, String resource) {
        Outcome o = identityDecision(caller, action, resource, Map.of());
        if (o.decision() != Decision.ALLOWED) {
            throw kmsDenied(caller, action, resource, o.decision() == Decision.EXPLICIT_DENY
                    ? "with an explicit deny in an identity-based policy"
                    : "because no identity-based policy allows the " + action + " action");
        }
    }

    /**
     * KMS actions on a key: the key policy decides; its account-root statement hands the decision to the
     * caller's IAM policies; an explicit Deny anywhere wins.
     */
    void requireKey(Caller caller, SandboxState.Key key, String action, Map<String, String> context) {
        if (caller.admin()) {
            return;
        }
        Decision d = keyDecision(caller, key.policy, key.arn, action, context);
        if (d != Decision.ALLOWED) {
            throw kmsDenied(caller, action, key.arn, d == Decision.EXPLICIT_DENY
                    ? "with an explicit deny in a resource-based policy"
                    : "because no resource-based policy allows the " + action + " action");
        }
    }

    Decision keyDecision(Caller caller, String keyPolicy, String keyArn, String action, Map<String, String> context) {
        String callerArn = caller.arn();
        PolicyEvaluation.KeyPolicyAnswer kp = PolicyEvaluation.keyPolicy(keyPolicy, action, keyArn, context,
                p -> "*".equals(p) || p.equals(callerArn), this::isRoot);
        Outcome iam = identityDecision(caller, action, keyArn, context);
        if (kp.directDeny() || kp.rootDeny() || iam.decision() == Decision.EXPLICIT_DENY) {
            return Decision.EXPLICIT_DENY;
        }
        if (kp.directAllow() || (kp.rootAllow() && iam.decision() == Decision.ALLOWED)) {
            return Decision.ALLOWED;
        }
        return Decision.IMPLICIT_DENY;
    }

    boolean isRoot(String principal) {
        return principal.equals(rootArn()) || principal.equals(id());
    }

    private static AwsError kmsDenied(Caller caller, String action, String resource, String why) {
        return new AwsError(400, "AccessDeniedException", "User: " + caller.arn() + " is not authorized to perform: "
                + action + " on resource: " + resource + " " + why);
    }

    /** True when a principal ARN in a key policy names something KMS can see now. */
    boolean principalExists(String principal) {
        if ("*".equals(principal) || isRoot(principal)) {
            return true;
        }
        if (principal.matches("\\d{12}") || principal.matches("arn:aws:iam::\\d{12}:root")) {
            return true; // another account: the sandbox cannot tell, AWS would accept an existing one
        }
        String userPrefix = "arn:aws:iam::" + id() + ":user/";
        String rolePrefix = "arn:aws:iam::" + id() + ":role/";
        if (principal.startsWith(userPrefix)) {
            String name = principal.substring(principal.lastIndexOf('/') + 1);
            SandboxState.User u = user(name);
            return u != null && u.arn(id()).equals(principal) && now() >= u.created + propagationMillis;
        }
        if (principal.startsWith(rolePrefix)) {
            String name = principal.substring(principal.lastIndexOf('/') + 1);
            SandboxState.Role r = role(name);
            return r != null && r.arn(id()).equals(principal);
        }
        return false;
    }
}
