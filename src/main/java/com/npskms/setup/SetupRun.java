package com.npskms.setup;

import com.npskms.aws.AwsSession;
import com.npskms.aws.CallerIdentity;
import com.npskms.aws.Preflight;
import com.npskms.aws.Problem;
import com.npskms.aws.ProblemException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One run of the procedure over a {@link SetupState}: plans, inspects, runs and rolls back the steps in
 * order, journaling before and after every AWS change so an interrupted run can be resumed without
 * duplicates. The GUI and the command line drive this same object; it is not thread-safe (one caller at a time).
 */
public final class SetupRun {
    private final SetupState state;
    private final Journal journal;
    private final StepContext ctx;
    private final Map<StepId, SetupStep> steps = new EnumMap<>(StepId.class);
    private PermissionCheck permissionCheck = PermissionCheck.NONE;
    private boolean checked;
    private boolean journalChecked;

    private SetupRun(AwsSession session, SetupState state, Journal journal) {
        this.state = state;
        this.journal = journal;
        this.ctx = new StepContext(session, Backoff.standard(), journal::record);
        steps.put(StepId.POLICY, new PolicyStep(ctx));
        steps.put(StepId.USER, new UserStep(ctx));
        steps.put(StepId.ACCESS_KEY, new AccessKeyStep(ctx));
        steps.put(StepId.KMS_KEY, new KmsKeyStep(ctx));
        steps.put(StepId.LEAST_PRIVILEGE, new LeastPrivilegeStep(ctx));
        steps.put(StepId.VERIFY, new VerifyStep(ctx));
    }

    /**
     * Starts a new run with the admin's inputs: asks AWS who the operator is ({@code sts:GetCallerIdentity})
     * and fills account, caller and region into the state; a key administrator given as a role session becomes its
     * role. Nothing is created or journaled until a step runs,
     * so a plan (dry run) leaves no trace. Invalid inputs are refused with a problem listing each field's rule.
     */
    public static SetupRun start(AwsSession session, SetupState state, Journal journal) {
        // A role session (SSO, assumed role) administers the key as its role: a session ARN in a key policy
        // would stop working when the session ends.
        // The account root is in the key policy's first statement already: not listed again.
        java.util.LinkedHashSet<String> admins = new java.util.LinkedHashSet<>();
        for (String admin : state.keyAdministrators) {
            String a = admin == null ? "" : admin.strip();
            if (a.contains(":assumed-role/")) {
                try {
                    a = Preflight.simulationPrincipal(session.iam(), a);
                } catch (RuntimeException e) {
                    throw com.npskms.aws.Problems.wrap(e, "Finding the role of key administrator " + admin);
                }
            }
            if (!a.isEmpty() && !a.endsWith(":root")) {
                admins.add(a);
            }
        }
        state.keyAdministrators = new ArrayList<>(admins);
        List<String> bad = InputRules.check(state);
        if (!bad.isEmpty()) {
            throw new ProblemException(Problem.of(Problem.Kind.INPUT, "Some inputs are not valid",
                    String.join("\n", bad), "Correct them and start again."));
        }
        CallerIdentity me = session.whoAmI();
        state.accountId = me.accountId();
        state.callerArn = me.arn();
        state.region = session.region();
        state.alias = InputRules.normalizeAlias(state.alias);
        int policyBytes = KmsKeyStep.keyPolicy(state).toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (policyBytes > com.npskms.policy.KeyPolicyDocument.MAX_BYTES) {
            throw new ProblemException(Problem.of(Problem.Kind.INPUT, "Too many key administrators",
                    "The key policy would be " + policyBytes + " bytes; KMS accepts at most 32 KB.",
                    "Choose fewer key administrators (a role for them all is the usual way)."));
        }
        if (state.runId == null) {
            state.runId = UUID.randomUUID().toString();
        }
        state.startedAt = Instant.now().toString();
        return new SetupRun(session, state, journal);
    }

    /**
     * Continues the run in the journal (unfinished or finished, e.g. to roll it back). Refuses a journal from
     * another account or region than the session's. In an unfinished run, a secret that did not survive the
     * interruption (the access key's, the console password) makes its step run again: what was made with it
     * is replaced (nobody has seen it). A finished run is left as it is.
     */
    public static SetupRun resume(AwsSession session, Journal journal) {
        JournalEntry entry = journal.findLast().orElseThrow(() -> new ProblemException(Problem.of(
                Problem.Kind.NOT_FOUND, "There is no setup run to resume", "The journal " + journal.file()
                        + " does not exist.", "Start a new setup.")));
        CallerIdentity me = session.whoAmI();
        entry.requireSameTarget(me.accountId(), session.region());
        SetupState s = entry.state();
        SetupRun run = new SetupRun(session, s, journal);
        run.journalChecked = true;
        // What an interrupted call made is looked for when the run continues or rolls back, not here:
        // resuming only reads, so declining to continue changes nothing.
        // Until the run finishes, nobody has been shown the access key's secret or the console password, so
        // what this run made with them is replaced. A finished run's key may be in NPS already: never touched.
        if (!entry.finished()) {
            if (s.accessKeyCreated && s.secretAccessKey == null) {
                s.completed.remove(StepId.ACCESS_KEY);
                s.completed.remove(StepId.VERIFY);
            }
            if (s.loginProfileCreated && s.consolePassword == null) {
                s.completed.remove(StepId.USER);
            }
        }
        return run;
    }

    /**
     * The key administrator offered by default: the operator, as an IAM user or role ARN (a role session is
     * mapped to its role); null when the operator is the account root, which the key policy names anyway.
     */
    public String defaultKeyAdministrator() {
        if (state.callerArn == null || state.callerArn.endsWith(":root")) {
            return null;
        }
        try {
            return Preflight.simulationPrincipal(ctx.session.iam(), state.callerArn);
        } catch (RuntimeException e) {
            throw com.npskms.aws.Problems.wrap(e, "Finding the role you are signed in with");
        }
    }

    /** Replaces the propagation backoff (tests use a fast one). */
    public SetupRun withBackoff(Backoff backoff) {
        ctx.backoff = backoff;
        return this;
    }

    /** Sets the pre-flight hook, called once with {@link #requiredActions} before the first step runs. */
    public SetupRun withPermissionCheck(PermissionCheck check) {
        this.permissionCheck = check;
        return this;
    }

    public SetupState state() {
        return state;
    }

    public Journal journal() {
        return journal;
    }

    /** The steps in the guide's order. */
    public List<SetupStep> steps() {
        return List.copyOf(steps.values());
    }

    public SetupStep step(StepId id) {
        return steps.get(id);
    }

    /** What the step would send now (no AWS call made). */
    public List<PlannedCall> plan(StepId id) {
        return steps.get(id).plan(state);
    }

    /** Every step's plan, in order (for the preview page and {@code --dry-run}). */
    public List<PlannedCall> planAll() {
        List<PlannedCall> all = new ArrayList<>();
        for (SetupStep step : steps.values()) {
            all.addAll(step.plan(state));
        }
        return all;
    }

    /**
     * Every step's plan for a state without connecting (the account id and region should be filled in):
     * for a preview before signing in, and for tests.
     */
    public static List<PlannedCall> preview(SetupState state) {
        return new SetupRun(null, state, new Journal(java.nio.file.Path.of("unused"))).planAll();
    }

    /** What already exists for the step, and whether it would be reused (AWS read calls only). */
    public Existing inspect(StepId id) {
        return steps.get(id).inspect(state);
    }

    /**
     * Runs one step (and journals before and after). Earlier unfinished steps must run first. A failure is
     * journaled (step and plain-words text) and thrown as a {@link ProblemException}; the run can be
     * continued by calling this again once the cause is gone.
     */
    public void run(StepId id, Progress progress) {
        runStep(id, progress);
        ctx.flush(state);
    }

    /** Runs one step; its completion reaches the journal with the next write. */
    private void runStep(StepId id, Progress progress) {
        if (state.completed.contains(id)) {
            return;
        }
        StepId next = nextStep();
        if (next != id) {
            throw new IllegalStateException("step " + id + " cannot run before " + next);
        }
        beforeFirstChange();
        try {
            recoverInterrupted();
            if (id == StepId.ACCESS_KEY) {
                ((KmsKeyStep) steps.get(StepId.KMS_KEY)).lookAhead(state);
            }
            steps.get(id).run(state, progress);
        } catch (ProblemException e) {
            failed(id, e.problem().toText());
            throw e;
        } catch (RuntimeException e) {
            ProblemException pe = com.npskms.aws.Problems.wrap(e, id.title());
            failed(id, pe.problem().toText());
            throw pe;
        }
        state.completed.add(id);
        if (state.failedStep == id) {
            state.failedStep = null;
            state.lastFailure = null;
        }
        ctx.save(state);
        progress.update(id.title() + ": done", 1.0);
    }

    private void failed(StepId id, String text) {
        state.failedStep = id;
        state.lastFailure = text;
        ctx.write(state);
    }

    private void beforeFirstChange() {
        if (!journalChecked) {
            Optional<JournalEntry> other = journal.findUnfinished();
            if (other.isPresent() && !java.util.Objects.equals(other.get().state().runId, state.runId)) {
                JournalEntry e = other.get();
                throw new ProblemException(Problem.of(Problem.Kind.CONFLICT,
                        "An unfinished setup run exists",
                        "A run started " + e.startedAt() + " in account " + e.accountId() + ", region " + e.region()
                                + " did not finish" + (e.created().isEmpty() ? "." : "; it created: "
                                + String.join(", ", e.created()) + "."),
                        "Resume it, roll it back, or discard it first."));
            }
            journalChecked = true;
        }
        if (!checked) {
            permissionCheck.requireAll(requiredActions(state));
            checked = true;
            ctx.save(state);
        }
    }

    /**
     * When the journal shows an AWS change in flight when the run stopped (or failed without a clear answer),
     * lets its step find what the change made, so nothing is made twice and roll back misses nothing.
     */
    private void recoverInterrupted() {
        if (state.pendingAction == null) {
            return;
        }
        if (state.pendingStep != null) {
            steps.get(state.pendingStep).recover(state);
        }
        ctx.settled(state);
    }

    /** The first step not completed yet, or null when the run is finished. */
    public StepId nextStep() {
        for (StepId id : StepId.values()) {
            if (!state.completed.contains(id)) {
                return id;
            }
        }
        return null;
    }

    /** Runs every remaining step in order; stops at the first failure (journaled, thrown). */
    public void runRemaining(Progress progress) {
        for (StepId id = nextStep(); id != null; id = nextStep()) {
            runStep(id, progress);
        }
        ctx.flush(state);
    }

    /**
     * Undoes everything this run created, in reverse dependency order (key: deletion scheduled with the chosen
     * waiting period and alias deleted; access key; policy detached; login profile; user; policy versions and
     * policy; a reused policy gets its previous default version back). Reused resources are left alone. When
     * done the journal is cleared; a failure keeps it true, so roll back can be tried again.
     */
    public void rollback(Progress progress) {
        recoverInterrupted();
        List<SetupStep> reverse = new ArrayList<>(steps.values());
        Collections.reverse(reverse);
        for (SetupStep step : reverse) {
            try {
                step.rollback(state, progress);
            } catch (ProblemException e) {
                failed(step.id(), "Roll back: " + e.problem().toText());
                throw e;
            }
            state.completed.remove(step.id());
            ctx.write(state);
        }
        journal.clear();
        progress.update("Rolled back: everything this run created is removed", 1.0);
    }

    /**
     * What {@link #rollback} would do now, in its order (for a confirmation page and {@code rollback --dry-run}).
     * A call interrupted before its outcome was journaled is looked for only when roll back runs.
     */
    public List<PlannedCall> rollbackPlan() {
        SetupState s = state;
        List<PlannedCall> calls = new ArrayList<>();
        String alias = InputRules.normalizeAlias(s.alias);
        if (s.leastPrivilegeVersionId != null && !s.policyCreated) {
            calls.add(new PlannedCall("iam", "SetDefaultPolicyVersion", s.policyName + " back to "
                    + s.previousDefaultVersionId, s.policyDocumentBefore));
            calls.add(new PlannedCall("iam", "DeletePolicyVersion", s.policyName + " " + s.leastPrivilegeVersionId, null));
        }
        if (s.aliasCreated) {
            calls.add(new PlannedCall("kms", "DeleteAlias", alias, null));
        }
        if (s.keyCreated) {
            calls.add(new PlannedCall("kms", "ScheduleKeyDeletion", s.keyArn + " in " + s.deletionWindowDays
                    + " days (it can be cancelled until then)", null));
        }
        if (s.accessKeyCreated && s.accessKeyId != null) {
            if (s.accessKeyTagged) {
                calls.add(new PlannedCall("iam", "UntagUser", s.userName + " tag " + s.accessKeyId, null));
            }
            calls.add(new PlannedCall("iam", "DeleteAccessKey", s.accessKeyId + " of " + s.userName, null));
        }
        if (s.policyAttached) {
            calls.add(new PlannedCall("iam", "DetachUserPolicy", s.policyName + " from " + s.userName, null));
        }
        if (s.loginProfileCreated) {
            calls.add(new PlannedCall("iam", "DeleteLoginProfile", s.userName, null));
        }
        if (s.userCreated) {
            calls.add(new PlannedCall("iam", "DeleteUser", s.userName, null));
        }
        if (s.policyCreated) {
            calls.add(new PlannedCall("iam", "DeletePolicyVersion", "every non-default version of " + s.policyName, null));
            calls.add(new PlannedCall("iam", "DeletePolicy", s.policyArn, null));
        }
        return calls;
    }

    /** Forgets the journal and keeps every resource in AWS as it is. */
    public void discard() {
        journal.clear();
    }

    /** True when every step has completed. */
    public boolean isFinished() {
        return state.isFinished();
    }

    /**
     * The four values NPS asks for. Throws a problem until the access key and KMS key steps are done.
     */
    public NpsValues result() {
        if (state.accessKeyId == null || state.keyArn == null || state.secretAccessKey == null
                || state.secretAccessKey.isWiped()) {
            throw new ProblemException(Problem.of(Problem.Kind.OTHER, "The NPS values are not ready yet",
                    "The access key and the KMS key steps must finish first.", "Run the remaining steps."));
        }
        return new NpsValues(state.accessKeyId, state.secretAccessKey, state.keyArn, state.region);
    }

    /** The console password given to the NPS user (generated or typed), when console access was chosen. */
    public Optional<SecretText> consolePassword() {
        return Optional.ofNullable(state.consolePassword).filter(p -> !p.isWiped());
    }

    /** The IAM/KMS actions the operator needs for the chosen options, roll back included ({@link Preflight}'s list). */
    public static List<String> requiredActions(SetupState s) {
        return Preflight.requiredActions(new Preflight.Needs(s.consoleAccess, !s.tags.isEmpty(), s.enableKeyRotation));
    }

    /**
     * The pre-flight check as a hook: simulates the operator's permissions ({@link Preflight}); stops the run
     * before anything is created when something is missing; when the simulation itself is unavailable, reports
     * that as advice through {@code progress} and lets the run go on.
     */
    public SetupRun withPreflight(Progress progress) {
        return withPermissionCheck(actions -> {
            Preflight.Result r = Preflight.check(ctx.session.iam(), state.callerArn, actions);
            if (!r.mayProceed()) {
                throw new ProblemException(Problem.of(Problem.Kind.PERMISSION,
                        "You are missing permissions the setup needs; nothing was created",
                        r.toText(), "Ask an AWS administrator to grant them, then start again."));
            }
            if (r.status() == Preflight.Result.Status.NOT_CHECKED) {
                progress.update(r.toText(), Progress.UNKNOWN);
            }
        });
    }
}
