package com.npskms.setup;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.npskms.aws.Problem;
import com.npskms.aws.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the run journal holds: the format, when it was last written, and the run's {@link SetupState}
 * (inputs, completed steps, created ids/ARNs, account, region, last failure) — never a secret.
 */
public record JournalEntry(int format, String updatedAt, SetupState state) {
    /** The journal format written by this version. */
    public static final int FORMAT = 1;

    @JsonIgnore
    public String accountId() {
        return state.accountId;
    }

    @JsonIgnore
    public String region() {
        return state.region;
    }

    @JsonIgnore
    public String startedAt() {
        return state.startedAt;
    }

    @JsonIgnore
    public Set<StepId> completed() {
        return state.completed;
    }

    @JsonIgnore
    public String lastFailure() {
        return state.lastFailure;
    }

    @JsonIgnore
    public boolean finished() {
        return state.isFinished();
    }

    /** The resources this run created, one line each ("IAM user nps-kms-user"), in creation order. */
    @JsonIgnore
    public List<String> created() {
        List<String> out = new ArrayList<>();
        SetupState s = state;
        if (s.policyCreated) {
            out.add("IAM policy " + s.policyArn);
        }
        if (s.userCreated) {
            out.add("IAM user " + s.userName);
        }
        if (s.loginProfileCreated) {
            out.add("console password of " + s.userName);
        }
        if (s.policyAttached) {
            out.add("policy attachment " + s.policyName + " → " + s.userName);
        }
        if (s.accessKeyCreated) {
            out.add("access key " + s.accessKeyId);
        }
        if (s.keyCreated) {
            out.add("KMS key " + s.keyArn);
        }
        if (s.aliasCreated) {
            out.add("KMS alias " + InputRules.normalizeAlias(s.alias));
        }
        if (s.leastPrivilegeVersionId != null) {
            out.add("policy version " + s.leastPrivilegeVersionId + " of " + s.policyName);
        }
        return out;
    }

    /**
     * Refuses a journal written for another account or region than the session's, with a clear problem:
     * resuming or rolling it back here would touch the wrong account.
     */
    public void requireSameTarget(String sessionAccountId, String sessionRegion) {
        boolean sameAccount = state.accountId == null || state.accountId.equals(sessionAccountId);
        boolean sameRegion = state.region == null || state.region.equals(sessionRegion);
        if (sameAccount && sameRegion) {
            return;
        }
        throw new ProblemException(Problem.of(Problem.Kind.CONFLICT,
                "The unfinished setup run belongs to another AWS account or region",
                "It was started in account " + state.accountId + ", region " + state.region
                        + "; you are now connected to account " + sessionAccountId + ", region " + sessionRegion + ".",
                "Connect to account " + state.accountId + " in region " + state.region
                        + " to resume or roll it back, or discard it (its resources stay)."));
    }
}
