package com.npskms.ui;

import com.npskms.aws.AwsSession;
import com.npskms.aws.CallerIdentity;
import com.npskms.aws.IamPrincipals;
import com.npskms.aws.ConnectionSettings;
import com.npskms.aws.Problem;
import com.npskms.aws.ProblemException;
import com.npskms.aws.Problems;
import com.npskms.aws.Preflight;
import com.npskms.sandbox.Sandbox;
import com.npskms.setup.AccessKeyInfo;
import com.npskms.setup.AccessKeyRotation;
import com.npskms.setup.NewAccessKey;
import com.npskms.setup.Existing;
import com.npskms.setup.Journal;
import com.npskms.setup.JournalEntry;
import com.npskms.setup.NpsValues;
import com.npskms.setup.PlannedCall;
import com.npskms.setup.Progress;
import com.npskms.setup.SetupRun;
import com.npskms.setup.SetupState;
import com.npskms.setup.StepId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;

/**
 * The wizard's side of the engine: the AWS connection, the setup run and its journal, the Sandbox.
 * Blocking methods make AWS calls and must run off the FX thread (pages use {@link Wizard#task});
 * the properties are changed on the FX thread only.
 */
public final class SetupSession implements AutoCloseable {
    /** What the user chose on the Start page. */
    public enum Intent { NEW_SETUP, ROTATE, RESUME, ROLL_BACK }

    private final WizardOptions options;
    private final BooleanProperty sandboxActive = new SimpleBooleanProperty(false);
    private final BooleanProperty created = new SimpleBooleanProperty(false);
    private final BooleanProperty finished = new SimpleBooleanProperty(false);
    private final IntegerProperty revision = new SimpleIntegerProperty(0);
    private Intent intent = Intent.NEW_SETUP;
    private volatile Journal journal;
    private volatile Sandbox sandbox;
    private volatile AwsSession aws;
    private volatile CallerIdentity identity;
    private volatile SetupRun run;
    private SetupState draft = new SetupState();
    private volatile AccessKeyRotation rotation;
    private volatile NewAccessKey newKey;
    private volatile String oldKeyId;
    private boolean rotationDone;

    public SetupSession(WizardOptions options) {
        this.options = options;
    }

    // ---------------------------------------------------------------- journal (local file, no AWS call)

    /** The run journal (created on first use, so startup reads no file). */
    public Journal journal() {
        if (journal == null) {
            journal = options.journalDir() == null ? Journal.defaultLocation() : new Journal(options.journalDir());
        }
        return journal;
    }

    /** An unfinished run recorded in the journal. Blocking (reads a file). */
    public Optional<JournalEntry> findUnfinished() {
        return journal().findUnfinished();
    }

    /** Forgets the unfinished run's record; whatever it created stays in AWS. */
    public void discardUnfinished() {
        journal().clear();
    }

    public Intent intent() {
        return intent;
    }

    public void setIntent(Intent intent) {
        this.intent = intent;
    }

    // ---------------------------------------------------------------- connection

    /** Starts the in-process Sandbox (once) and returns the settings that reach it. Blocking. */
    public ConnectionSettings startSandbox() {
        if (sandbox == null) {
            sandbox = options.sandboxStarter().get();
        }
        Sandbox s = sandbox;
        return ConnectionSettings.sandbox(s.endpoint(), s.adminAccessKeyId(),
                com.npskms.setup.SecretText.of(s.adminSecretAccessKey()), s.region());
    }

    /** The running Sandbox, or null. */
    public Sandbox sandbox() {
        return sandbox;
    }

    /** Opens the connection and asks who the caller is. Blocking. */
    public CallerIdentity connect(ConnectionSettings settings) {
        closeConnection();
        AwsSession opened = AwsSession.open(settings);
        try {
            identity = opened.whoAmI();
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
        aws = opened;
        return identity;
    }

    public AwsSession aws() {
        return aws;
    }

    public CallerIdentity identity() {
        return identity;
    }

    public BooleanProperty sandboxActiveProperty() {
        return sandboxActive;
    }

    // ---------------------------------------------------------------- the run

    /** The state the pages edit: the run's once it started, a draft before. */
    public SetupState state() {
        SetupRun r = run;
        return r == null ? draft : r.state();
    }

    /** Starts a new run with the inputs typed so far. Blocking (journal write). */
    public void startRun() {
        SetupState s = draft;
        s.accountId = identity.accountId();
        s.callerArn = identity.arn();
        s.region = aws.region();
        if (s.keyAdministrators.isEmpty()) {
            s.keyAdministrators.add(identity.arn());
        }
        run = SetupRun.start(aws, s, journal());
    }

    /** Continues the journal's unfinished run; returns the first step still to do (null: all done). Blocking. */
    public StepId resumeRun() {
        run = SetupRun.resume(aws, journal());
        return nextStep();
    }

    public boolean hasRun() {
        return run != null;
    }

    /** The first step not completed yet, or null. */
    public StepId nextStep() {
        return run.nextStep();
    }

    public List<PlannedCall> plan(StepId id) {
        return run == null ? List.of() : run.plan(id);
    }

    /** What already exists for this step. Blocking. */
    public Existing inspect(StepId id) {
        return run.inspect(id);
    }

    /** Runs one step. Blocking. */
    public void runStep(StepId id, Progress progress) {
        run.run(id, progress);
    }

    /** Rolls back what this run created, then forgets the run. Blocking. */
    public void rollback(Progress progress) {
        if (run != null) {
            run.rollback(progress);
        }
    }

    /** The four values NPS asks for. */
    public NpsValues result() {
        SetupState s = state();
        if (s.secretAccessKey == null || s.secretAccessKey.isWiped()) {
            // A resumed run: the secret was shown only in the run that created the key; the rest is still true.
            return new NpsValues(s.accessKeyId, null, s.keyArn, s.region);
        }
        return run.result();
    }

    /** The console password given to the NPS user, when console access was chosen and it is still known. */
    public Optional<com.npskms.setup.SecretText> consolePassword() {
        return run == null ? Optional.empty() : run.consolePassword();
    }

    /**
     * Asks IAM's policy simulation whether the caller may make every call of the setup (or of the rotation).
     * Advice only: when the simulation itself is refused the report says so. Blocking.
     */
    public PreflightReport preflight(boolean rotation) {
        Preflight.Result r = rotation
                ? Preflight.check(aws.iam(), identity.arn(), ROTATION_ACTIONS)
                : Preflight.check(aws, identity, Preflight.Needs.all());
        String summary = switch (r.status()) {
            case ALL_ALLOWED -> Messages.text("preflight.allAllowed");
            case MISSING -> Messages.format("preflight.missing", r.missing().size());
            case NOT_CHECKED -> Messages.format("preflight.unavailable", r.reason());
        };
        List<String> missing = new ArrayList<>();
        for (String a : r.missing()) {
            missing.add(a + "  (" + Preflight.purposeOf(a) + ")");
        }
        return new PreflightReport(r.status() != Preflight.Result.Status.NOT_CHECKED, missing, summary,
                r.missingPolicyJson());
    }

    private static final List<String> ROTATION_ACTIONS = List.of("iam:ListAccessKeys", "iam:GetAccessKeyLastUsed",
            "iam:CreateAccessKey", "iam:TagUser", "iam:ListUserTags", "iam:UpdateAccessKey", "iam:DeleteAccessKey",
            "iam:UntagUser");

    /**
     * IAM users and roles of the account, offered as key administrators; the NPS user is left out (the guide:
     * it needs no administrative permissions on the key, it is the key user). Blocking.
     */
    public List<String> keyAdministratorCandidates() {
        List<String> all = new ArrayList<>(IamPrincipals.list(aws));
        SetupRun current = run;
        if (current != null && current.state().userArn != null) {
            all.removeIf(arn -> arn.equalsIgnoreCase(current.state().userArn));
        }
        return all;
    }

    /** Starts (or restarts) the rotation of this user's access key. */
    public AccessKeyRotation rotate(String userName) {
        rotation = new AccessKeyRotation(aws, userName);
        newKey = null;
        oldKeyId = null;
        return rotation;
    }

    /** The rotation in progress, or null. */
    public AccessKeyRotation rotation() {
        return rotation;
    }

    /** The key the rotation created (its secret shown once), or null. */
    public NewAccessKey newKey() {
        return newKey;
    }

    /** The key the rotation replaces, or null when the user had none. */
    public String oldKeyId() {
        return oldKeyId;
    }

    /** Creates the new key; the newest other key becomes the one to retire. Blocking. */
    public NewAccessKey createRotationKey(String description) {
        List<AccessKeyInfo> before = rotation.keys();
        NewAccessKey created = rotation.createNewKey(description);
        newKey = created;
        oldKeyId = before.isEmpty() ? null : before.get(before.size() - 1).accessKeyId();
        return created;
    }

    /** Marks the flow as done (Cancel becomes Close). FX thread. */
    public void markFinished() {
        rotationDone = true;
        finished.set(true);
    }

    /** True when the step has completed in this run. */
    public boolean isCompleted(StepId id) {
        return state().completed.contains(id);
    }

    /** Call on the FX thread after a step ran or rolled back, to refresh what depends on the run. */
    public void refresh() {
        SetupState s = state();
        created.set(!createdList(s).isEmpty());
        finished.set(rotationDone || (run != null && s.isFinished()));
        revision.set(revision.get() + 1);
    }

    /** True once this run created something in AWS (Back is then off; Cancel offers roll back). */
    public boolean createdSomething() {
        return created.get();
    }

    public BooleanProperty createdProperty() {
        return created;
    }

    /** True once every step is done (Cancel becomes Close). */
    public BooleanProperty finishedProperty() {
        return finished;
    }

    /** Changes whenever the completed steps change. */
    public Observable completedStepsChanged() {
        return revision;
    }

    /** One line per thing this run created, for the Cancel question. */
    public String createdSummary() {
        return String.join("\n", createdList(state()));
    }

    static List<String> createdList(SetupState s) {
        List<String> list = new ArrayList<>();
        if (s.policyCreated) {
            list.add("• " + Messages.format("created.policy", s.policyName));
        }
        if (s.userCreated) {
            list.add("• " + Messages.format("created.user", s.userName));
        }
        if (s.accessKeyCreated) {
            list.add("• " + Messages.format("created.accessKey", s.accessKeyId));
        }
        if (s.keyCreated) {
            list.add("• " + Messages.format("created.key", s.keyId));
        }
        if (s.leastPrivilegeVersionId != null) {
            list.add("• " + Messages.format("created.policyVersion", s.leastPrivilegeVersionId));
        }
        return list;
    }

    /** Forgets the run (after roll back) so the Start page begins afresh; the connection stays. */
    public void startOver() {
        wipeSecrets();
        run = null;
        rotation = null;
        newKey = null;
        oldKeyId = null;
        rotationDone = false;
        draft = new SetupState();
        intent = Intent.NEW_SETUP;
        refresh();
    }

    /** Wipes the secret access key and console password held in memory. */
    public void wipeSecrets() {
        NewAccessKey k = newKey;
        if (k != null && k.secretAccessKey() != null) {
            k.secretAccessKey().wipe();
        }
        SetupState s = state();
        if (s.secretAccessKey != null) {
            s.secretAccessKey.wipe();
        }
        if (s.consolePassword != null) {
            s.consolePassword.wipe();
        }
    }

    /** A plain-words problem for any failure (never a stack trace). */
    public static Problem problemOf(Throwable failure, String what) {
        if (failure instanceof ProblemException pe) {
            return pe.problem();
        }
        try {
            return Problems.from(failure, what);
        } catch (RuntimeException notMapped) {
            return Problem.of(Problem.Kind.OTHER, what, failure.getClass().getSimpleName()
                    + (failure.getMessage() == null ? "" : ": " + failure.getMessage()), "");
        }
    }

    private void closeConnection() {
        AwsSession a = aws;
        aws = null;
        if (a != null) {
            a.close();
        }
    }

    @Override
    public void close() {
        wipeSecrets();
        closeConnection();
        Sandbox s = sandbox;
        sandbox = null;
        if (s != null && options.ownsSandbox()) {
            s.close();
        }
        if (Platform.isFxApplicationThread()) {
            sandboxActive.set(false);
        }
    }
}
