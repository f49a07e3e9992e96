package com.npskms.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyRequest;

/**
 * Before anything is created: may the operator make every call the chosen options need? Asks
 * {@code iam:SimulatePrincipalPolicy} (advice, not proof: it does not fully see SCPs and boundaries) and
 * names what is missing, with a ready-to-copy policy granting it.
 */
public final class Preflight {

    /** What the chosen options add to the calls needed. */
    public record Needs(boolean consoleAccess, boolean kmsTags, boolean keyRotation) {
        /** Everything the wizard can do. */
        public static Needs all() {
            return new Needs(true, true, true);
        }
    }

    /** The answer: who was checked, what is allowed, what is missing, or why it could not be checked. */
    public record Result(Status status, String principalArn, List<String> allowed, List<String> missing,
                         List<String> explicitlyDenied, String reason) {

        /** ALL_ALLOWED: go on. MISSING: stop before creating anything. NOT_CHECKED: advice unavailable, may go on. */
        public enum Status { ALL_ALLOWED, MISSING, NOT_CHECKED }

        public Result {
            allowed = List.copyOf(allowed);
            missing = List.copyOf(missing);
            explicitlyDenied = List.copyOf(explicitlyDenied);
            reason = reason == null ? "" : reason;
        }

        /** False only when the simulation says something needed is not allowed. */
        public boolean mayProceed() {
            return status != Status.MISSING;
        }

        /** A policy granting exactly the missing actions, for an administrator to attach ("" when none). */
        public String missingPolicyJson() {
            return missing.isEmpty() ? "" : policyGranting(missing);
        }

        /** Plain words for a page or a terminal. */
        public String toText() {
            StringBuilder sb = new StringBuilder();
            switch (status) {
                case ALL_ALLOWED -> sb.append("Permissions: everything the setup needs is allowed for ")
                        .append(principalArn).append('.');
                case NOT_CHECKED -> sb.append("Permissions could not be checked: ").append(reason)
                        .append("\nYou may go on; a missing permission will then stop the step that needs it, "
                                + "and resume continues from there.");
                case MISSING -> {
                    sb.append("Permissions: ").append(principalArn).append(" is missing ").append(missing.size())
                            .append(missing.size() == 1 ? " permission" : " permissions")
                            .append(" the setup needs:");
                    for (String a : missing) {
                        sb.append("\n  - ").append(a);
                        if (explicitlyDenied.contains(a)) {
                            sb.append(" (explicitly denied)");
                        }
                        String why = PURPOSE.get(a);
                        if (why != null) {
                            sb.append(" — ").append(why);
                        }
                    }
                    sb.append("\nAsk an AWS administrator to attach this policy to you (or to your role), "
                            + "then run the check again:\n").append(missingPolicyJson());
                }
            }
            if (status == Status.ALL_ALLOWED && !reason.isEmpty()) {
                sb.append("\n").append(reason);
            }
            if (status != Status.NOT_CHECKED) {
                sb.append("\n(The simulation is advice: organization SCPs and permission boundaries may still deny.)");
            }
            return sb.toString();
        }
    }

    private static final Map<String, String> PURPOSE = new LinkedHashMap<>();
    private static final Set<String> BASE = new LinkedHashSet<>();

    static {
        base("iam:CreatePolicy", "create the decrypt policy");
        base("iam:GetPolicy", "find an existing policy to reuse");
        base("iam:GetPolicyVersion", "compare an existing policy");
        base("iam:ListPolicyVersions", "least privilege (five-version limit)");
        base("iam:CreatePolicyVersion", "least privilege");
        base("iam:DeletePolicyVersion", "least privilege (five-version limit), roll back");
        base("iam:CreateUser", "create the NPS user");
        base("iam:GetUser", "find an existing user to reuse");
        base("iam:TagUser", "the access key's description");
        base("iam:UntagUser", "rotation, roll back");
        base("iam:ListUserTags", "find access key descriptions");
        base("iam:AttachUserPolicy", "attach the policy to the user");
        base("iam:ListAttachedUserPolicies", "reuse an existing user");
        base("iam:CreateAccessKey", "create the NPS access key");
        base("iam:ListAccessKeys", "reuse, rotation");
        base("iam:GetAccessKeyLastUsed", "rotation");
        base("iam:UpdateAccessKey", "rotation (deactivate the old key)");
        base("iam:DeleteAccessKey", "rotation, roll back");
        base("iam:ListUsers", "key administrator picker");
        base("iam:ListRoles", "key administrator picker");
        base("iam:SimulatePrincipalPolicy", "this check and the verification");
        base("iam:GetRole", "this check (role sessions)");
        base("iam:DetachUserPolicy", "roll back");
        base("iam:DeleteUser", "roll back");
        base("iam:DeletePolicy", "roll back");
        base("iam:SetDefaultPolicyVersion", "roll back (a reused policy gets its previous default version back)");
        base("kms:CreateKey", "create the KMS key");
        base("kms:CreateAlias", "the key's alias (must come from an IAM policy)");
        base("kms:DescribeKey", "find an existing alias or key");
        base("kms:ListAliases", "find an existing alias");
        base("kms:ListKeys", "key picker");
        base("kms:GetKeyPolicy", "reuse an existing key");
        base("kms:ScheduleKeyDeletion", "roll back");
        base("kms:DeleteAlias", "roll back");
        PURPOSE.put("iam:CreateLoginProfile", "console access for the NPS user");
        PURPOSE.put("iam:DeleteLoginProfile", "roll back console access");
        PURPOSE.put("kms:TagResource", "the key's tags (must come from an IAM policy)");
        PURPOSE.put("kms:EnableKeyRotation", "automatic key rotation");
        PURPOSE.put("kms:GetKeyRotationStatus", "automatic key rotation");
    }

    private static void base(String action, String purpose) {
        BASE.add(action);
        PURPOSE.put(action, purpose);
    }

    private static final Pattern ASSUMED_ROLE =
            Pattern.compile("arn:([a-z-]+):sts::(\\d{12}):assumed-role/([^/]+)/.+");

    private Preflight() {
    }

    /** The operator actions the chosen options need (AWS-NOTES.md "Operator permissions"), without STS. */
    public static List<String> requiredActions(Needs needs) {
        List<String> out = new ArrayList<>(BASE);
        if (needs.consoleAccess()) {
            out.add("iam:CreateLoginProfile");
            out.add("iam:DeleteLoginProfile");
        }
        if (needs.kmsTags()) {
            out.add("kms:TagResource");
        }
        if (needs.keyRotation()) {
            out.add("kms:EnableKeyRotation");
            out.add("kms:GetKeyRotationStatus");
        }
        return out;
    }

    /** What a requirement is for, in the user's words ("roll back", "create the NPS user"), or null. */
    public static String purposeOf(String action) {
        return PURPOSE.get(action);
    }

    /** Checks the operator ({@code me}) for the given options. Never throws for AWS failures: NOT_CHECKED. */
    public static Result check(AwsSession session, CallerIdentity me, Needs needs) {
        return check(session.iam(), me.arn(), requiredActions(needs));
    }

    /** Checks {@code callerArn} for {@code actions} through the given IAM client. */
    public static Result check(IamClient iam, String callerArn, List<String> actions) {
        if (callerArn.endsWith(":root")) {
            return new Result(Result.Status.ALL_ALLOWED, callerArn, actions, List.of(), List.of(),
                    "You are signed in as the account's root user, which may do everything. AWS advises an "
                            + "IAM user or role for daily work.");
        }
        if (callerArn.contains(":federated-user/")) {
            return new Result(Result.Status.NOT_CHECKED, callerArn, List.of(), List.of(), List.of(),
                    "AWS cannot simulate a federated user's session (" + callerArn + ").");
        }
        String principal;
        try {
            principal = simulationPrincipal(iam, callerArn);
        } catch (RuntimeException e) {
            return notChecked(callerArn, e);
        }
        List<String> allowed = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> denied = new ArrayList<>();
        try {
            SimulatePrincipalPolicyRequest request = SimulatePrincipalPolicyRequest.builder()
                    .policySourceArn(principal).actionNames(actions).resourceArns("*").build();
            Set<String> seen = new LinkedHashSet<>();
            for (EvaluationResult r : iam.simulatePrincipalPolicyPaginator(request).evaluationResults()) {
                if (!seen.add(r.evalActionName())) {
                    continue;
                }
                if (r.evalDecision() == PolicyEvaluationDecisionType.ALLOWED) {
                    allowed.add(r.evalActionName());
                } else {
                    missing.add(r.evalActionName());
                    if (r.evalDecision() == PolicyEvaluationDecisionType.EXPLICIT_DENY) {
                        denied.add(r.evalActionName());
                    }
                }
            }
            for (String a : actions) {
                if (!seen.contains(a)) {
                    missing.add(a);
                }
            }
        } catch (RuntimeException e) {
            return notChecked(principal, e);
        }
        return new Result(missing.isEmpty() ? Result.Status.ALL_ALLOWED : Result.Status.MISSING, principal,
                allowed, missing, denied, "");
    }

    /**
     * The ARN the simulation accepts for a caller: an assumed-role session becomes its role (asked from
     * {@code iam:GetRole} for the role's path; built from the name when that is denied). Users stay as they are.
     */
    public static String simulationPrincipal(IamClient iam, String callerArn) {
        Matcher m = ASSUMED_ROLE.matcher(callerArn);
        if (!m.matches()) {
            return callerArn;
        }
        String role = m.group(3);
        try {
            return iam.getRole(b -> b.roleName(role)).role().arn();
        } catch (RuntimeException e) {
            if (Problems.from(e, "").kind() == Problem.Kind.PERMISSION) {
                return "arn:" + m.group(1) + ":iam::" + m.group(2) + ":role/" + role;
            }
            throw e;
        }
    }

    private static Result notChecked(String arn, RuntimeException e) {
        Problem p = Problems.from(e, "Simulating your permissions (iam:SimulatePrincipalPolicy)");
        String reason = switch (p.kind()) {
            case PERMISSION -> "you may not run the simulation itself (iam:SimulatePrincipalPolicy or iam:GetRole "
                    + "is not allowed).";
            case NETWORK -> "AWS could not be reached (" + p.why() + ").";
            default -> p.why().isBlank() ? p.what() : p.why();
        };
        return new Result(Result.Status.NOT_CHECKED, arn, List.of(), List.of(), List.of(), reason);
    }

    /** An identity policy allowing these actions on any resource, as an administrator would attach it. */
    public static String policyGranting(List<String> actions) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Sid", "NpsKmsSetupOperator");
        statement.put("Effect", "Allow");
        statement.put("Action", actions);
        statement.put("Resource", "*");
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("Version", "2012-10-17");
        doc.put("Statement", List.of(statement));
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
