package com.npskms.setup;

import com.npskms.aws.Problem;
import com.npskms.aws.ProblemException;
import com.npskms.policy.DecryptPolicy;
import java.util.List;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyVersion;

/** Step 1: the IAM policy allowing {@code kms:Decrypt} on any key in this account, name and description chosen. */
public final class PolicyStep implements SetupStep {
    private final StepContext ctx;

    PolicyStep(StepContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public StepId id() {
        return StepId.POLICY;
    }

    @Override
    public List<PlannedCall> plan(SetupState s) {
        return List.of(new PlannedCall("iam", "CreatePolicy",
                "name " + s.policyName + (blank(s.policyDescription) ? "" : ", description \"" + s.policyDescription + "\""),
                DecryptPolicy.anyKeyInAccount(s.accountId).toJson()));
    }

    @Override
    public Existing inspect(SetupState s) {
        return find(s).existing;
    }

    /** The policy by name and its default document, and the reuse decision. */
    private Found find(SetupState s) {
        IamClient iam = ctx.session.iam();
        String arn = StepContext.policyArn(s);
        Policy policy;
        try {
            policy = iam.getPolicy(b -> b.policyArn(arn)).policy();
        } catch (RuntimeException e) {
            if (AwsErrors.notFound(e)) {
                return new Found(null, null, Existing.nothing());
            }
            throw com.npskms.aws.Problems.wrap(e, "Looking for the IAM policy " + s.policyName);
        }
        PolicyVersion v = StepContext.call("Reading the IAM policy " + s.policyName,
                () -> iam.getPolicyVersion(b -> b.policyArn(arn).versionId(policy.defaultVersionId())).policyVersion());
        String document = com.npskms.policy.PolicyJson.pretty(com.npskms.policy.PolicyJson.parse(v.document()));
        DecryptPolicy.Grant grant = DecryptPolicy.grantOf(document, s.accountId);
        int attached = policy.attachmentCount() == null ? 0 : policy.attachmentCount();
        String attachedNote = attached == 0 ? "" : " It is attached to " + attached + " user(s), group(s) or role(s) already;"
                + " the least-privilege step will narrow it to the new key for them too.";
        if (grant.scope() == DecryptPolicy.Grant.Scope.NONE) {
            return new Found(policy, document, new Existing(Existing.Verdict.CONFLICT,
                    "A policy named " + s.policyName + " exists already, but " + grant.reason()
                            + ". Choose another policy name, or fix that policy."));
        }
        return new Found(policy, document, new Existing(Existing.Verdict.REUSABLE,
                "A policy named " + s.policyName + " exists already and " + grant.reason()
                        + ", so it will be reused." + attachedNote));
    }

    private record Found(Policy policy, String document, Existing existing) {
    }

    @Override
    public void run(SetupState s, Progress progress) {
        if (s.policyArn != null) {
            return; // made or chosen earlier in this run
        }
        String create = "iam CreatePolicy " + s.policyName;
        progress.update("Creating the IAM policy " + s.policyName, Progress.UNKNOWN);
        String document = DecryptPolicy.anyKeyInAccount(s.accountId).toJson();
        Policy created;
        try {
            // Create first, look when the name is taken: one call fewer in the usual case.
            created = ctx.intend(s, id(), create, () -> ctx.session.iam().createPolicy(b -> {
                b.policyName(s.policyName).policyDocument(document);
                if (!blank(s.policyDescription)) {
                    b.description(s.policyDescription);
                }
            }).policy());
        } catch (RuntimeException e) {
            // Taken, or not allowed to create (then a matching policy may still be reused).
            if (!AwsErrors.is(e, "EntityAlreadyExists", "AccessDenied")) {
                throw com.npskms.aws.Problems.wrap(e, "Creating the IAM policy " + s.policyName);
            }
            Found found;
            try {
                found = find(s);
            } catch (RuntimeException lookFailed) {
                throw com.npskms.aws.Problems.wrap(e, "Creating the IAM policy " + s.policyName);
            }
            if (found.policy == null) {
                throw com.npskms.aws.Problems.wrap(e, "Creating the IAM policy " + s.policyName);
            }
            if (found.existing.verdict() == Existing.Verdict.REUSABLE && s.reuseExisting) {
                s.policyArn = found.policy.arn();
                s.policyCreated = false;
                s.policyReuseReason = found.existing.explanation();
                s.policyDocumentBefore = found.document;
                s.previousDefaultVersionId = found.policy.defaultVersionId();
                ctx.save(s);
                return;
            }
            throw conflict(s, found.existing);
        }
        s.policyArn = created.arn();
        s.policyCreated = true;
        s.policyDocumentBefore = document;
        s.previousDefaultVersionId = created.defaultVersionId();
        ctx.settled(s);
    }

    static ProblemException conflict(SetupState s, Existing existing) {
        String why = existing.explanation();
        if (existing.verdict() == Existing.Verdict.REUSABLE && !s.reuseExisting) {
            why = why + " Reusing existing resources is turned off.";
        }
        return new ProblemException(Problem.of(Problem.Kind.CONFLICT, "The name is taken", why,
                "Pick another name, or reuse what exists when it matches."));
    }

    @Override
    public void recover(SetupState s) {
        if (s.policyArn == null && StepContext.wasPending(s, "iam CreatePolicy " + s.policyName)) {
            Found found = find(s);
            if (found.policy != null) {
                s.policyArn = found.policy.arn();
                s.policyCreated = true;
                s.policyDocumentBefore = found.document;
                s.previousDefaultVersionId = found.policy.defaultVersionId();
            }
        }
    }

    @Override
    public void rollback(SetupState s, Progress progress) {
        if (!s.policyCreated) {
            if (s.policyArn != null) {
                s.policyArn = null; // reused: left alone
                ctx.save(s);
            }
            return;
        }
        IamClient iam = ctx.session.iam();
        String arn = s.policyArn;
        progress.update("Deleting the IAM policy " + s.policyName, Progress.UNKNOWN);
        try {
            for (PolicyVersion v : iam.listPolicyVersions(b -> b.policyArn(arn)).versions()) {
                if (!Boolean.TRUE.equals(v.isDefaultVersion())) {
                    StepContext.call("Deleting version " + v.versionId() + " of the IAM policy " + s.policyName,
                            () -> iam.deletePolicyVersion(b -> b.policyArn(arn).versionId(v.versionId())));
                }
            }
            StepContext.call("Deleting the IAM policy " + s.policyName, () -> iam.deletePolicy(b -> b.policyArn(arn)));
        } catch (RuntimeException e) {
            if (!AwsErrors.notFound(e)) {
                throw e instanceof ProblemException pe ? pe : com.npskms.aws.Problems.wrap(e, "Deleting the IAM policy " + s.policyName);
            }
        }
        s.policyCreated = false;
        s.policyArn = null;
        ctx.save(s);
    }

    static boolean blank(String v) {
        return v == null || v.isBlank();
    }
}
