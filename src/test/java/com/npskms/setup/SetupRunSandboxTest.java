package com.npskms.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.npskms.aws.AwsSession;
import com.npskms.aws.Problem;
import com.npskms.aws.ProblemException;
import com.npskms.sandbox.SandboxKnobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The whole procedure through the real SDK against a sandbox: clean run, failures, crashes, resume, roll back. */
class SetupRunSandboxTest {
    static SandboxFixture fx;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSandbox() {
        fx = new SandboxFixture();
    }

    @AfterAll
    static void stopSandbox() {
        fx.close();
    }

    @AfterEach
    void noFaultsLeft() {
        fx.sandbox.knobs().clearFaults();
    }

    @Test
    void theFullProcedureLeavesWhatTheGuideDescribesAndGivesNpsItsFourValues() throws Exception {
        SetupState s = fx.state();
        s.consoleAccess = true;
        RecordingJournal journal = new RecordingJournal(dir);
        List<String> progress = new ArrayList<>();
        SetupRun run = fx.start(s, journal);
        run.runRemaining((m, f) -> progress.add(m));

        assertNull(run.nextStep());
        assertTrue(run.isFinished());
        assertEquals(SandboxFixture.completeRun(s), fx.snapshot(s));
        NpsValues v = run.result();
        assertEquals(s.accessKeyId, v.accessKeyId());
        assertTrue(v.accessKeyId().startsWith("AKIA") || v.accessKeyId().length() >= 16);
        assertTrue(v.kmsKeyArn().startsWith("arn:aws:kms:" + fx.sandbox.region() + ":" + fx.sandbox.accountId() + ":key/"));
        assertEquals(fx.sandbox.region(), v.region());
        assertFalse(v.secretAccessKey().isEmpty());
        assertEquals(Verification.Simulation.ONLY_THIS_KEY, s.verification.simulation());
        assertTrue(s.verification.roundTrip());
        assertTrue(run.consolePassword().isPresent());
        assertTrue(s.policyCreated && s.userCreated && s.loginProfileCreated && s.accessKeyCreated && s.keyCreated);

        // The journal was written before and after each change, and never holds a secret.
        // Every AWS change was journaled before it was made; the last write holds the finished run.
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<String> intents = new ArrayList<>();
        for (String w : journal.writes) {
            var pending = json.readTree(w).path("state").path("pendingAction");
            if (!pending.isMissingNode() && !pending.isNull()) {
                intents.add(pending.asText().split(" ")[1]);
            }
        }
        assertEquals(List.of("CreatePolicy", "CreateUser", "CreateLoginProfile", "AttachUserPolicy", "CreateAccessKey",
                "TagUser", "CreateKey", "CreateAlias", "CreatePolicyVersion"), intents);
        var last = json.readTree(journal.writes.get(journal.writes.size() - 1)).path("state");
        assertTrue(last.path("pendingAction").isMissingNode());
        assertEquals(6, last.path("completed").size());
        assertEquals(s.keyArn, last.path("keyArn").asText());
        SecretScan.assertAbsent(v.secretAccessKey().reveal(), journal.writes, progress,
                List.of(s.toString(), v.toString(), run.toString()));
        SecretScan.assertAbsent(run.consolePassword().get().reveal(), journal.writes, progress, List.of());
        assertTrue(journal.findUnfinished().isEmpty(), "a finished run is not offered for resume");
    }

    @Test
    void theSecretNeverShowsInJournalProgressOutputOrFailures() {
        SetupState s = fx.state();
        RecordingJournal journal = new RecordingJournal(dir);
        List<String> seen = new ArrayList<>();
        java.io.PrintStream out = System.out;
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
        java.io.PrintStream capture = new java.io.PrintStream(console, true, java.nio.charset.StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        SetupRun run = fx.start(s, journal);
        try {
            // Fail the verification as the new user, and again on resume, so the secret is in play in failures.
            fx.sandbox.knobs().failNext("Encrypt", SandboxKnobs.Fault.HTTP_500, 10);
            ProblemException e = assertThrows(ProblemException.class, () -> run.runRemaining((m, f) -> seen.add(m)));
            seen.add(e.getMessage());
            seen.add(e.problem().toText());
            seen.add(String.valueOf(e.problem()));
            fx.sandbox.knobs().clearFaults();
            run.runRemaining((m, f) -> seen.add(m));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        String secret = run.result().secretAccessKey().reveal();
        seen.add(run.result().toString());
        seen.add(run.result().toText(false));
        seen.add(run.result().toJson(false));
        seen.add(String.valueOf(s.verification));
        seen.add(console.toString(java.nio.charset.StandardCharsets.UTF_8));
        SecretScan.assertAbsent(secret, journal.writes, seen);
        assertTrue(run.result().toText(true).contains(secret), "shown when asked");
    }

    @Test
    void theKeyPolicySentIsTheConsolesJson() {
        SetupState s = fx.state();
        SetupRun run = fx.start(s, new Journal(dir));
        for (StepId id : List.of(StepId.POLICY, StepId.USER, StepId.ACCESS_KEY, StepId.KMS_KEY)) {
            run.run(id, Progress.NONE);
        }
        String stored = fx.kms().getKeyPolicy(b -> b.keyId(s.keyId).policyName("default")).policy();
        String console = com.npskms.ConsoleKeyPolicy.of(fx.sandbox.accountId(), s.keyAdministrators.get(0), s.userArn);
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        try {
            assertEquals(json.readTree(console), json.readTree(stored));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Each AWS call the run makes, failing (after the SDK's own retries) in turn. */
    @ParameterizedTest
    @ValueSource(strings = {"CreatePolicy", "CreateUser", "CreateLoginProfile", "AttachUserPolicy", "CreateAccessKey",
            "TagUser", "CreateKey", "CreateAlias", "EnableKeyRotation", "CreatePolicyVersion", "Encrypt",
            "SimulatePrincipalPolicy"})
    void aFailureAtAnyCallIsJournaledAndResumeFinishesWithoutDuplicates(String action) {
        SetupState s = fx.state();
        s.consoleAccess = true;
        fx.sandbox.knobs().failNext(action, SandboxKnobs.Fault.HTTP_503, 10);
        SetupRun run = fx.start(s, new Journal(dir));
        if (action.equals("SimulatePrincipalPolicy")) {
            // A simulation that cannot be made is advice missing, not a failure.
            run.runRemaining(Progress.NONE);
            assertEquals(Verification.Simulation.UNAVAILABLE, s.verification.simulation());
            assertEquals(SandboxFixture.completeRun(s), fx.snapshot(s));
            return;
        }
        ProblemException failure = assertThrows(ProblemException.class, () -> run.runRemaining(Progress.NONE));
        assertNotNull(failure.problem().what());
        JournalEntry journaled = new Journal(dir).findUnfinished().orElseThrow();
        assertNotNull(journaled.state().failedStep);
        assertTrue(journaled.lastFailure().contains(failure.problem().what()));

        fx.sandbox.knobs().clearFaults();
        // A new process: only the journal survives (no secret, no console password).
        SetupRun resumed = fx.resume(new Journal(dir));
        resumed.runRemaining(Progress.NONE);
        assertEquals(SandboxFixture.completeRun(resumed.state()), fx.snapshot(resumed.state()));
        assertFalse(resumed.result().secretAccessKey().isEmpty());
        if (resumed.state().consoleAccess) {
            assertTrue(resumed.consolePassword().isPresent(), "a usable console password after resume");
        }
    }

    /** The process dies right after each AWS change, before its outcome reaches the journal. */
    @ParameterizedTest
    @ValueSource(strings = {"iam CreatePolicy", "iam CreateUser", "iam CreateLoginProfile", "iam AttachUserPolicy",
            "iam CreateAccessKey", "iam TagUser", "kms CreateKey", "kms CreateAlias", "iam CreatePolicyVersion"})
    void aCrashBeforeTheOutcomeIsJournaledResumesWithoutDuplicates(String intent) {
        SetupState s = fx.state();
        s.consoleAccess = true;
        SetupRun run = fx.start(s, new RecordingJournal(dir, intent));
        assertThrows(RecordingJournal.Crash.class, () -> run.runRemaining(Progress.NONE));
        assertTrue(new Journal(dir).findUnfinished().orElseThrow().state().pendingAction != null);
        assertEquals(intent, new Journal(dir).findUnfinished().orElseThrow().state().pendingAction.substring(0, intent.length()));

        SetupRun resumed = fx.resume(new Journal(dir));
        resumed.runRemaining(Progress.NONE);
        assertEquals(SandboxFixture.completeRun(resumed.state()), fx.snapshot(resumed.state()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"iam CreatePolicy", "iam CreateUser", "iam CreateLoginProfile", "iam AttachUserPolicy",
            "iam CreateAccessKey", "iam TagUser", "kms CreateKey", "kms CreateAlias", "iam CreatePolicyVersion"})
    void aCrashBeforeTheOutcomeIsJournaledRollsBackToNothing(String intent) {
        SetupState s = fx.state();
        s.consoleAccess = true;
        SetupRun run = fx.start(s, new RecordingJournal(dir, intent));
        assertThrows(RecordingJournal.Crash.class, () -> run.runRemaining(Progress.NONE));
        assertTrue(new Journal(dir).findUnfinished().orElseThrow().state().pendingAction != null);

        SetupRun resumed = fx.resume(new Journal(dir));
        boolean keyMade = intent.startsWith("kms") || intent.equals("iam CreatePolicyVersion");
        resumed.rollback(Progress.NONE);
        assertEquals(SandboxFixture.nothingLeft(keyMade ? 1 : 0), fx.snapshot(s));
        assertTrue(new Journal(dir).findLast().isEmpty(), "journal cleared after roll back");
    }

    @ParameterizedTest
    @EnumSource(StepId.class)
    void rollBackAfterEachStepLeavesNothingBehind(StepId last) {
        SetupState s = fx.state();
        s.consoleAccess = true;
        SetupRun run = fx.start(s, new Journal(dir));
        for (StepId id : EnumSet.range(StepId.POLICY, last)) {
            run.run(id, Progress.NONE);
        }
        List<String> planned = run.rollbackPlan().stream().map(PlannedCall::action).toList();
        List<String> progress = new ArrayList<>();
        run.rollback((m, f) -> progress.add(m));
        boolean keyMade = last.compareTo(StepId.KMS_KEY) >= 0;
        // The plan shown before confirming names what roll back removes, in dependency order.
        List<String> expected = new ArrayList<>();
        if (keyMade) {
            expected.addAll(List.of("DeleteAlias", "ScheduleKeyDeletion"));
        }
        if (last.compareTo(StepId.ACCESS_KEY) >= 0) {
            expected.addAll(List.of("UntagUser", "DeleteAccessKey"));
        }
        if (last.compareTo(StepId.USER) >= 0) {
            expected.addAll(List.of("DetachUserPolicy", "DeleteLoginProfile", "DeleteUser"));
        }
        expected.addAll(List.of("DeletePolicyVersion", "DeletePolicy"));
        assertEquals(expected, planned);
        assertTrue(run.rollbackPlan().isEmpty(), "nothing left to roll back");
        assertEquals(SandboxFixture.nothingLeft(keyMade ? 1 : 0), fx.snapshot(s));
        if (keyMade) {
            assertTrue(progress.stream().anyMatch(m -> m.contains("in " + s.deletionWindowDays + " days")), progress.toString());
        }
        assertTrue(new Journal(dir).findLast().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"DeleteAlias", "ScheduleKeyDeletion", "DeleteAccessKey", "DetachUserPolicy",
            "DeleteLoginProfile", "DeleteUser", "DeletePolicy"})
    void aRollBackThatFailsHalfwayCanBeRunAgainFromTheJournal(String action) {
        SetupState s = fx.state();
        s.consoleAccess = true;
        SetupRun run = fx.start(s, new Journal(dir));
        run.runRemaining(Progress.NONE);
        fx.sandbox.knobs().failNext(action, SandboxKnobs.Fault.HTTP_500, 10);
        ProblemException e = assertThrows(ProblemException.class, () -> run.rollback(Progress.NONE));
        assertTrue(e.problem().what().length() > 0);
        assertTrue(new Journal(dir).findLast().orElseThrow().lastFailure().startsWith("Roll back"));
        fx.sandbox.knobs().clearFaults();

        fx.resume(new Journal(dir)).rollback(Progress.NONE);
        assertEquals(SandboxFixture.nothingLeft(1), fx.snapshot(s));
        assertTrue(new Journal(dir).findLast().isEmpty());
    }

    @Test
    void rollBackAfterAFailureInTheSameProcess() {
        SetupState s = fx.state();
        fx.sandbox.knobs().failNext("CreatePolicyVersion", SandboxKnobs.Fault.HTTP_500, 10);
        SetupRun run = fx.start(s, new Journal(dir));
        assertThrows(ProblemException.class, () -> run.runRemaining(Progress.NONE));
        fx.sandbox.knobs().clearFaults();
        run.rollback(Progress.NONE);
        assertEquals(SandboxFixture.nothingLeft(1), fx.snapshot(s));
    }

    @Test
    void retryingInTheSameProcessKeepsTheAccessKeyAlreadyMade() {
        SetupState s = fx.state();
        fx.sandbox.knobs().failNext("CreateKey", SandboxKnobs.Fault.HTTP_500, 10);
        SetupRun run = fx.start(s, new Journal(dir));
        assertThrows(ProblemException.class, () -> run.runRemaining(Progress.NONE));
        String key = s.accessKeyId;
        fx.sandbox.knobs().clearFaults();
        run.runRemaining(Progress.NONE);
        assertEquals(key, s.accessKeyId, "the secret is still in memory: the key stays");
        assertEquals(SandboxFixture.completeRun(s), fx.snapshot(s));
        assertNull(s.failedStep, "the failure is cleared once the step succeeds");
    }

    @Test
    void aDroppedConnectionFailsTheStepCleanlyAndResumeFinishes() {
        SetupState s = fx.state();
        fx.sandbox.knobs().failNext("CreateKey", SandboxKnobs.Fault.DROP_CONNECTION, 10);
        SetupRun run = fx.start(s, new Journal(dir));
        ProblemException e = assertThrows(ProblemException.class, () -> run.runRemaining(Progress.NONE));
        assertEquals(Problem.Kind.NETWORK, e.problem().kind(), e.getMessage());
        assertEquals(StepId.KMS_KEY, run.nextStep());
        fx.sandbox.knobs().clearFaults();
        SetupRun resumed = fx.resume(new Journal(dir));
        resumed.runRemaining(Progress.NONE);
        assertEquals(SandboxFixture.completeRun(resumed.state()), fx.snapshot(resumed.state()));
    }

    @Test
    void throttlingAndServerErrorsAreRetriedWithoutTheUserNoticing() {
        SetupState s = fx.state();
        fx.sandbox.knobs().failNext("CreateUser", SandboxKnobs.Fault.THROTTLING, 1);
        fx.sandbox.knobs().failNext("CreateKey", SandboxKnobs.Fault.HTTP_500, 1);
        fx.sandbox.knobs().failNext("CreateAccessKey", SandboxKnobs.Fault.HTTP_503, 1);
        SetupRun run = fx.start(s, new Journal(dir));
        run.runRemaining(Progress.NONE);
        assertEquals(SandboxFixture.completeRun(s), fx.snapshot(s));
    }

    @Test
    void aNewRunIsRefusedWhileAnUnfinishedOneExistsButMayStillBePlanned() {
        SetupState first = fx.state();
        fx.sandbox.knobs().failNext("CreateUser", SandboxKnobs.Fault.HTTP_500, 10);
        SetupRun run = fx.start(first, new Journal(dir));
        assertThrows(ProblemException.class, () -> run.runRemaining(Progress.NONE));
        fx.sandbox.knobs().clearFaults();

        SetupRun second = fx.start(fx.state(), new Journal(dir));
        assertFalse(second.planAll().isEmpty());
        ProblemException e = assertThrows(ProblemException.class, () -> second.run(StepId.POLICY, Progress.NONE));
        assertTrue(e.getMessage().contains("unfinished"), e.getMessage());
        assertTrue(e.problem().next().contains("Resume"), e.problem().next());

        fx.resume(new Journal(dir)).rollback(Progress.NONE);
        assertEquals(SandboxFixture.nothingLeft(0), fx.snapshot(first));
    }

    @Test
    void aJournalFromAnotherRegionIsRefusedWithAClearMessage() {
        SetupState s = fx.state();
        fx.sandbox.knobs().failNext("CreateUser", SandboxKnobs.Fault.HTTP_500, 10);
        SetupRun run = fx.start(s, new Journal(dir));
        assertThrows(ProblemException.class, () -> run.runRemaining(Progress.NONE));
        fx.sandbox.knobs().clearFaults();
        try (AwsSession elsewhere = fx.open(fx.sandbox.adminAccessKeyId(), fx.sandbox.adminSecretAccessKey(), "eu-west-1")) {
            ProblemException e = assertThrows(ProblemException.class, () -> SetupRun.resume(elsewhere, new Journal(dir)));
            assertTrue(e.getMessage().contains("another AWS account or region"), e.getMessage());
            assertTrue(e.getMessage().contains("eu-west-1") && e.getMessage().contains(fx.sandbox.region()));
        }
        fx.resume(new Journal(dir)).rollback(Progress.NONE);
    }

    @Test
    void aFinishedRunResumedInANewProcessKeepsItsAccessKeyAndCanStillBeRolledBack() {
        SetupState s = fx.state();
        SetupRun run = fx.start(s, new Journal(dir));
        run.runRemaining(Progress.NONE);
        String keyNpsUses = s.accessKeyId;

        SetupRun later = fx.resume(new Journal(dir));
        assertTrue(later.isFinished());
        assertNull(later.nextStep());
        later.runRemaining(Progress.NONE);
        assertEquals(List.of(keyNpsUses), fx.iam().listAccessKeys(b -> b.userName(s.userName)).accessKeyMetadata()
                .stream().map(k -> k.accessKeyId()).toList(), "the key NPS may use is never replaced");
        assertThrows(ProblemException.class, later::result, "the secret is gone with the first process");

        later.rollback(Progress.NONE);
        assertEquals(SandboxFixture.nothingLeft(1), fx.snapshot(s));
    }

    @Test
    void discardForgetsTheRunAndKeepsItsResources() throws Exception {
        SetupState s = fx.state();
        SetupRun run = fx.start(s, new Journal(dir));
        run.run(StepId.POLICY, Progress.NONE);
        assertTrue(Files.exists(new Journal(dir).file()));
        run.discard();
        assertTrue(new Journal(dir).findLast().isEmpty());
        assertTrue(((String) fx.snapshot(s).get("policy")).startsWith("1 version"));
    }

    @Test
    void theOperatorIsOfferedAsKeyAdministratorAndTooManyAdministratorsAreRefused() {
        SetupState s = fx.state();
        SetupRun run = SetupRun.start(fx.session, s, new Journal(dir));
        assertEquals(fx.session.whoAmI().arn(), run.defaultKeyAdministrator());

        // An SSO or assumed-role session administers the key as its role.
        SetupState sso = fx.state();
        sso.keyAdministrators.add("arn:aws:sts::" + fx.sandbox.accountId() + ":assumed-role/KeyAdministrators/alice@example.com");
        SetupState mapped = SetupRun.start(fx.session, sso, new Journal(dir)).state();
        assertEquals(List.of(fx.iam().getRole(b -> b.roleName("KeyAdministrators")).role().arn()), mapped.keyAdministrators);

        // The account root (an operator signed in as root) is in the root statement already; duplicates go.
        SetupState root = fx.state();
        String admin = fx.session.whoAmI().arn();
        root.keyAdministrators.addAll(List.of("arn:aws:iam::" + fx.sandbox.accountId() + ":root", admin, admin + " "));
        assertEquals(List.of(admin), SetupRun.start(fx.session, root, new Journal(dir)).state().keyAdministrators);

        SetupState big = fx.state();
        for (int i = 0; i < 600; i++) {
            big.keyAdministrators.add("arn:aws:iam::" + fx.sandbox.accountId() + ":user/administrator-with-a-long-name-" + i);
        }
        ProblemException e = assertThrows(ProblemException.class, () -> SetupRun.start(fx.session, big, new Journal(dir)));
        assertTrue(e.problem().why().contains("32 KB"), e.problem().why());
    }

    @Test
    void invalidInputsAreRefusedBeforeAnyCall() {
        SetupState s = fx.state();
        s.userName = "has space";
        s.alias = "alias/aws/mine";
        ProblemException e = assertThrows(ProblemException.class, () -> fx.start(s, new Journal(dir)));
        assertEquals(Problem.Kind.INPUT, e.problem().kind());
        assertTrue(e.problem().why().contains("userName") && e.problem().why().contains("alias"), e.problem().why());
    }
}
