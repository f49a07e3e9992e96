package com.npskms.setup;

import com.npskms.policy.DecryptPolicy;
import com.npskms.policy.PolicyJson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.PolicyVersion;

/**
 * Step 5: narrows the policy to the new key: a new default policy version with Resource = the key ARN only;
 * when five versions exist, the oldest non-default one is deleted first.
 */
public final class LeastPrivilegeStep implements SetupStep {
    /** IAM keeps at most this many versions of a managed policy. */
    public static final int MAX_VERSIONS = 5;

    private final StepContext ctx;

    LeastPrivilegeStep(StepContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public StepId id() {
        return StepId.LEAST_PRIVILEGE;
    }

    private static String keyArnOrPlaceholder(SetupState s) {
        return s.keyArn != null ? s.keyArn
                : "arn:" + StepContext.partition(s) + ":kms:" + s.region + ":" + s.accountId + ":key/<made by step 4>";
    }

    @Override
    public List<PlannedCall> plan(SetupState s) {
        List<PlannedCall> calls = new ArrayList<>();
        String before = s.policyDocumentBefore != null ? s.policyDocumentBefore
                : DecryptPolicy.anyKeyInAccount(s.accountId).toJson();
        if (!s.policyCreated && s.policyArn != null) {
            calls.add(new PlannedCall("iam", "DeletePolicyVersion", "only if " + s.policyName + " has "
                    + MAX_VERSIONS + " versions already: its oldest non-default version", null));
        }
        calls.add(new PlannedCall("iam", "CreatePolicyVersion", "policy " + s.policyName
                + ", SetAsDefault=true, Resource = the key ARN only", after(s), before));
        return calls;
    }

    private static String after(SetupState s) {
        return DecryptPolicy.oneKey(keyArnOrPlaceholder(s)).toJson();
    }

    @Override
    public Existing inspect(SetupState s) {
        if (s.policyArn == null || s.keyArn == null) {
            return Existing.nothing();
        }
        List<PolicyVersion> versions = versions(s);
        Optional<PolicyVersion> def = versions.stream().filter(v -> Boolean.TRUE.equals(v.isDefaultVersion())).findFirst();
        if (def.isPresent() && PolicyJson.sameDocument(document(s, def.get().versionId()), after(s))) {
            return new Existing(Existing.Verdict.REUSABLE, "The policy " + s.policyName
                    + " already allows kms:Decrypt on this key only; nothing to change.");
        }
        if (versions.size() >= MAX_VERSIONS) {
            PolicyVersion oldest = oldestNonDefault(versions);
            return new Existing(Existing.Verdict.NOTHING, "The policy " + s.policyName + " has " + versions.size()
                    + " versions, the most IAM keeps: its oldest non-default version " + oldest.versionId()
                    + " will be deleted first.");
        }
        return Existing.nothing();
    }

    private List<PolicyVersion> versions(SetupState s) {
        return StepContext.call("Listing the versions of the policy " + s.policyName,
                () -> ctx.session.iam().listPolicyVersions(b -> b.policyArn(s.policyArn)).versions());
    }

    private String document(SetupState s, String versionId) {
        String doc = StepContext.call("Reading version " + versionId + " of the policy " + s.policyName,
                () -> ctx.session.iam().getPolicyVersion(b -> b.policyArn(s.policyArn).versionId(versionId))
                        .policyVersion().document());
        return PolicyJson.pretty(PolicyJson.parse(doc));
    }

    private static PolicyVersion oldestNonDefault(List<PolicyVersion> versions) {
        return versions.stream().filter(v -> !Boolean.TRUE.equals(v.isDefaultVersion()))
                .min(Comparator.comparing(PolicyVersion::createDate)
                        .thenComparing(v -> versionNumber(v.versionId()))).orElseThrow();
    }

    /** "v12" → 12: IAM numbers versions in creation order, which settles dates within the same second. */
    private static int versionNumber(String versionId) {
        try {
            return Integer.parseInt(versionId.substring(1));
        } catch (RuntimeException e) {
            return Integer.MAX_VALUE;
        }
    }

    @Override
    public void run(SetupState s, Progress progress) {
        if (s.leastPrivilegeVersionId != null) {
            return;
        }
        IamClient iam = ctx.session.iam();
        String create = "iam CreatePolicyVersion " + s.policyArn;
        String target = after(s);
        List<PolicyVersion> versions = List.of();
        if (!(s.policyCreated && s.previousDefaultVersionId != null && s.policyDocumentBefore != null)) {
            // A policy that existed before: read its versions (the five-version limit) and its default.
            versions = versions(s);
            PolicyVersion def = versions.stream().filter(v -> Boolean.TRUE.equals(v.isDefaultVersion())).findFirst()
                    .orElseThrow();
            String defDocument = document(s, def.versionId());
            if (PolicyJson.sameDocument(defDocument, target)) {
                return; // already least privilege (before this run)
            }
            s.previousDefaultVersionId = def.versionId();
            s.policyDocumentBefore = defDocument;
            ctx.save(s);
        } // else this run made the policy: it has one version, with the document this run sent
        if (versions.size() >= MAX_VERSIONS) {
            PolicyVersion oldest = oldestNonDefault(versions);
            progress.update("Deleting the oldest version " + oldest.versionId() + " of " + s.policyName, Progress.UNKNOWN);
            StepContext.call("Deleting version " + oldest.versionId() + " of the policy " + s.policyName,
                    () -> ctx.intend(s, id(), "iam DeletePolicyVersion " + s.policyArn + " " + oldest.versionId(),
                            () -> iam.deletePolicyVersion(b -> b.policyArn(s.policyArn).versionId(oldest.versionId()))));
            ctx.settled(s);
        }
        progress.update("Narrowing " + s.policyName + " to the new key", Progress.UNKNOWN);
        PolicyVersion created = StepContext.call("Creating the least-privilege version of " + s.policyName,
                () -> ctx.intend(s, id(), create, () -> iam.createPolicyVersion(b -> b.policyArn(s.policyArn)
                        .policyDocument(target).setAsDefault(true)).policyVersion()));
        s.leastPrivilegeVersionId = created.versionId();
        ctx.settled(s);
    }

    @Override
    public void recover(SetupState s) {
        if (s.leastPrivilegeVersionId == null && s.policyArn != null && s.previousDefaultVersionId != null
                && StepContext.wasPending(s, "iam CreatePolicyVersion " + s.policyArn)) {
            for (PolicyVersion v : versions(s)) {
                if (Boolean.TRUE.equals(v.isDefaultVersion()) && !v.versionId().equals(s.previousDefaultVersionId)) {
                    s.leastPrivilegeVersionId = v.versionId();
                }
            }
        }
    }

    @Override
    public void rollback(SetupState s, Progress progress) {
        if (s.leastPrivilegeVersionId == null) {
            return;
        }
        if (s.policyCreated) {
            // The policy step deletes the policy with all its versions.
            s.leastPrivilegeVersionId = null;
            ctx.save(s);
            return;
        }
        IamClient iam = ctx.session.iam();
        progress.update("Restoring the previous version of " + s.policyName, Progress.UNKNOWN);
        if (s.previousDefaultVersionId != null) {
            UserStep.ignoreGone("Restoring version " + s.previousDefaultVersionId + " of " + s.policyName,
                    () -> iam.setDefaultPolicyVersion(b -> b.policyArn(s.policyArn).versionId(s.previousDefaultVersionId)));
        }
        UserStep.ignoreGone("Deleting version " + s.leastPrivilegeVersionId + " of " + s.policyName,
                () -> iam.deletePolicyVersion(b -> b.policyArn(s.policyArn).versionId(s.leastPrivilegeVersionId)));
        s.leastPrivilegeVersionId = null;
        ctx.save(s);
    }
}
