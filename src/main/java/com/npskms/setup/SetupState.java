package com.npskms.setup;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one typed object the steps share: the admin's inputs, and what each step made (ARNs, ids) and
 * whether this run created it (so roll back touches only that). Serialized into the run journal;
 * the secret access key and the console password are {@link JsonIgnore}d and never leave memory.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class SetupState {
    // ---- the run ----
    /** Identifies this run in the journal. */
    public String runId;
    /** When the run started (ISO-8601 UTC). */
    public String startedAt;
    /** When false, something that already exists is never reused (a name taken is then a conflict). */
    public boolean reuseExisting = true;

    // ---- connection (no secrets) ----
    public String accountId;
    public String callerArn;
    public String region;

    // ---- step 1: policy ----
    public String policyName = "NPS_KMS_Policy";
    public String policyDescription = "Allows Netwrix Privilege Secure to decrypt with its AWS KMS protection key";
    public String policyArn;
    public boolean policyCreated;
    /** Why the existing policy was reused (empty when this run created it). */
    public String policyReuseReason;

    // ---- step 2: user ----
    public String userName = "nps-kms-user";
    public boolean consoleAccess;
    /** When console access is on and no password is typed, a strong one is generated. */
    @JsonIgnore
    public SecretText consolePassword;
    public String userArn;
    public boolean userCreated;
    public boolean loginProfileCreated;
    public boolean policyAttached;

    // ---- step 3: access key ----
    public String accessKeyDescription = "Netwrix Privilege Secure";
    public String accessKeyId;
    public boolean accessKeyCreated;
    public boolean accessKeyTagged;
    /** The user's access key ids before this run created one (a key not listed here was made by this run). */
    public List<String> accessKeysBefore;
    /** Shown once on the result page; never journaled, logged or exported by default. */
    @JsonIgnore
    public SecretText secretAccessKey;

    // ---- step 4: KMS key ----
    public String alias = "nps-protection-key";
    public String keyDescription = "Netwrix Privilege Secure protection key";
    public Map<String, String> tags = new LinkedHashMap<>();
    /** ARNs of IAM users or roles that administer the key; the caller is offered by default. */
    public List<String> keyAdministrators = new ArrayList<>();
    public boolean allowAdministratorsToDelete = true;
    public boolean enableKeyRotation = true;
    /** Waiting period used when roll back schedules the key's deletion (7 to 30 days). */
    public int deletionWindowDays = 7;
    public String keyId;
    public String keyArn;
    public boolean keyCreated;
    public boolean aliasCreated;
    /** True once automatic key-material rotation is on (by this run or already before). */
    public boolean keyRotationEnabled;

    // ---- step 5: least privilege ----
    public String leastPrivilegeVersionId;
    /** Version that was the default before least privilege (to restore on roll back when the policy was reused). */
    public String previousDefaultVersionId;
    /** The policy document that was the default before least privilege (for the before/after view). */
    public String policyDocumentBefore;

    // ---- step 6: verify ----
    public Verification verification;

    // ---- progress ----
    public Set<StepId> completed = EnumSet.noneOf(StepId.class);
    /**
     * The AWS mutation in flight (e.g. "iam CreateUser nps-kms-user"), journaled before the call and cleared
     * after its outcome is journaled; on resume it tells a step to look for what the call may have made.
     */
    public String pendingAction;
    /** The step of {@link #pendingAction}. */
    public StepId pendingStep;
    /** When {@link #pendingAction} started (ISO-8601 UTC), to tell what the call made from older things. */
    public String pendingSince;
    /** The step that failed last, and the failure in plain words (no secret). */
    public StepId failedStep;
    public String lastFailure;

    /** True when every step has completed. */
    @JsonIgnore
    public boolean isFinished() {
        return completed.containsAll(EnumSet.allOf(StepId.class));
    }

}
