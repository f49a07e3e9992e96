package com.npskms.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.npskms.aws.Problem;
import com.npskms.aws.ProblemException;
import com.npskms.policy.DecryptPolicy;
import com.npskms.policy.KeyPolicyDocument;
import com.npskms.policy.PolicyJson;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.model.PolicyVersion;

/** What each step does with what already exists: reuse it when it matches, say exactly why not otherwise. */
class StepReuseSandboxTest {
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

    private String createPolicy(SetupState s, String document) {
        return fx.iam().createPolicy(b -> b.policyName(s.policyName).policyDocument(document)).policy().arn();
    }

    private List<PolicyVersion> versions(String arn) {
        return fx.iam().listPolicyVersions(b -> b.policyArn(arn)).versions();
    }

    private String defaultDocument(String arn) {
        PolicyVersion def = versions(arn).stream().filter(PolicyVersion::isDefaultVersion).findFirst().orElseThrow();
        return fx.iam().getPolicyVersion(b -> b.policyArn(arn).versionId(def.versionId())).policyVersion().document();
    }

    @Test
    void aPolicyAllowingDecryptOnTheAccountsKeysIsReusedAndGetsItsOldDefaultBackOnRollBack() {
        SetupState s = fx.state();
        String arn = createPolicy(s, DecryptPolicy.anyKeyInAccount(fx.sandbox.accountId()).toJson());
        SetupRun run = fx.start(s, new Journal(dir));
        Existing e = run.inspect(StepId.POLICY);
        assertEquals(Existing.Verdict.REUSABLE, e.verdict());
        assertTrue(e.explanation().contains("any key in account " + fx.sandbox.accountId()), e.explanation());

        run.runRemaining(Progress.NONE);
        assertFalse(s.policyCreated);
        assertEquals(arn, s.policyArn);
        assertTrue(PolicyJson.sameDocument(defaultDocument(arn), DecryptPolicy.oneKey(s.keyArn).toJson()));
        assertEquals(2, versions(arn).size());

        run.rollback(Progress.NONE);
        assertEquals(1, versions(arn).size(), "only the policy's own version is left");
        assertTrue(PolicyJson.sameDocument(defaultDocument(arn),
                DecryptPolicy.anyKeyInAccount(fx.sandbox.accountId()).toJson()), "its previous default is back");
    }

    @Test
    void aPolicyForOneKeyIsReusedAndTheInspectionNamesTheKey() {
        SetupState s = fx.state();
        String key = "arn:aws:kms:us-east-1:" + fx.sandbox.accountId() + ":key/11111111-2222-3333-4444-555555555555";
        createPolicy(s, DecryptPolicy.oneKey(key).toJson());
        Existing e = fx.start(s, new Journal(dir)).inspect(StepId.POLICY);
        assertEquals(Existing.Verdict.REUSABLE, e.verdict());
        assertTrue(e.explanation().contains(key), e.explanation());
    }

    @Test
    void aPolicyThatDoesNotAllowDecryptIsAConflictWithTheExactReasonAndNothingIsCreated() {
        SetupState s = fx.state();
        createPolicy(s, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"*\"}]}");
        SetupRun run = fx.start(s, new Journal(dir));
        Existing e = run.inspect(StepId.POLICY);
        assertEquals(Existing.Verdict.CONFLICT, e.verdict());
        assertTrue(e.explanation().contains("does not allow kms:Decrypt"), e.explanation());
        ProblemException p = assertThrows(ProblemException.class, () -> run.run(StepId.POLICY, Progress.NONE));
        assertEquals(Problem.Kind.CONFLICT, p.problem().kind());
        assertTrue(p.problem().why().contains("does not allow kms:Decrypt"));
        assertEquals(StepId.POLICY, run.nextStep());
    }

    @Test
    void reuseCanBeTurnedOff() {
        SetupState s = fx.state();
        createPolicy(s, DecryptPolicy.anyKeyInAccount(fx.sandbox.accountId()).toJson());
        s.reuseExisting = false;
        SetupRun run = fx.start(s, new Journal(dir));
        ProblemException p = assertThrows(ProblemException.class, () -> run.run(StepId.POLICY, Progress.NONE));
        assertTrue(p.problem().why().contains("turned off"), p.problem().why());
    }

    @Test
    void aPlainUserIsReusedAndKeepsWhatItHadAfterRollBack() {
        SetupState s = fx.state();
        fx.iam().createUser(b -> b.userName(s.userName));
        String oldKey = fx.iam().createAccessKey(b -> b.userName(s.userName)).accessKey().accessKeyId();
        String other = fx.iam().createPolicy(b -> b.policyName(s.policyName + "-other").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                        + "\"Resource\":\"*\"}]}")).policy().arn();
        fx.iam().attachUserPolicy(b -> b.userName(s.userName).policyArn(other));

        SetupRun run = fx.start(s, new Journal(dir));
        Existing e = run.inspect(StepId.USER);
        assertEquals(Existing.Verdict.REUSABLE, e.verdict());
        assertTrue(e.explanation().contains(oldKey) && e.explanation().contains(s.policyName + "-other"), e.explanation());

        run.runRemaining(Progress.NONE);
        assertFalse(s.userCreated);
        assertEquals(2, fx.iam().listAccessKeys(b -> b.userName(s.userName)).accessKeyMetadata().size());

        run.rollback(Progress.NONE);
        assertEquals(List.of(oldKey), fx.iam().listAccessKeys(b -> b.userName(s.userName)).accessKeyMetadata().stream()
                .map(k -> k.accessKeyId()).collect(Collectors.toList()));
        assertEquals(List.of(s.policyName + "-other"), fx.iam().listAttachedUserPolicies(b -> b.userName(s.userName))
                .attachedPolicies().stream().map(p -> p.policyName()).collect(Collectors.toList()));
        assertTrue(fx.iam().listUserTags(b -> b.userName(s.userName)).tags().isEmpty());
    }

    @Test
    void verifyReportsAReusedUserWhoMayDecryptWithOtherKeysToo() {
        SetupState s = fx.state();
        fx.iam().createUser(b -> b.userName(s.userName));
        String broad = fx.iam().createPolicy(b -> b.policyName(s.policyName + "-broad")
                .policyDocument(DecryptPolicy.anyKeyInAccount(fx.sandbox.accountId()).toJson())).policy().arn();
        fx.iam().attachUserPolicy(b -> b.userName(s.userName).policyArn(broad));
        SetupRun run = fx.start(s, new Journal(dir)).withBackoff(Backoff.fast(java.time.Duration.ofMillis(300)));
        ProblemException e = assertThrows(ProblemException.class, () -> run.runRemaining(Progress.NONE));
        assertEquals(StepId.VERIFY, run.nextStep());
        assertEquals(Verification.Simulation.BROADER, s.verification.simulation());
        assertTrue(s.verification.roundTrip(), "the round trip itself worked");
        assertTrue(e.problem().why().contains("other keys"), e.problem().why());
        run.rollback(Progress.NONE);
    }

    @Test
    void aUserWithTwoAccessKeysIsAConflictThatNamesThem() {
        SetupState s = fx.state();
        fx.iam().createUser(b -> b.userName(s.userName));
        String k1 = fx.iam().createAccessKey(b -> b.userName(s.userName)).accessKey().accessKeyId();
        String k2 = fx.iam().createAccessKey(b -> b.userName(s.userName)).accessKey().accessKeyId();
        SetupRun run = fx.start(s, new Journal(dir));
        run.run(StepId.POLICY, Progress.NONE);
        Existing e = run.inspect(StepId.USER);
        assertEquals(Existing.Verdict.CONFLICT, e.verdict());
        assertTrue(e.explanation().contains(k1) && e.explanation().contains(k2), e.explanation());
        assertTrue(e.explanation().contains("two access keys"));
        assertThrows(ProblemException.class, () -> run.run(StepId.USER, Progress.NONE));
        assertEquals(Existing.Verdict.CONFLICT, run.inspect(StepId.ACCESS_KEY).verdict());
        run.rollback(Progress.NONE);
    }

    @Test
    void aKeyBehindTheAliasIsReusedWhenItsPolicyLetsTheNpsUserIn() {
        // A second run for the same NPS user: the user and its key exist from before.
        SetupState s = fx.state();
        String userArn = fx.iam().createUser(b -> b.userName(s.userName)).user().arn();
        String keyId = fx.kms().createKey(b -> b.description("existing").policy(new KeyPolicyDocument(
                fx.sandbox.accountId(), List.of(), List.of(userArn), true).toJson())).keyMetadata().keyId();
        fx.kms().createAlias(b -> b.aliasName(InputRules.normalizeAlias(s.alias)).targetKeyId(keyId));

        SetupRun run = fx.start(s, new Journal(dir));
        Existing e = run.inspect(StepId.KMS_KEY);
        assertEquals(Existing.Verdict.REUSABLE, e.verdict(), e.explanation());
        assertTrue(e.explanation().contains(keyId) && e.explanation().contains("key user"), e.explanation());

        run.runRemaining(Progress.NONE);
        assertFalse(s.keyCreated);
        assertEquals(keyId, s.keyId);
        assertTrue(s.verification.roundTrip());

        run.rollback(Progress.NONE);
        assertEquals("Enabled", fx.kms().describeKey(b -> b.keyId(InputRules.normalizeAlias(s.alias)))
                .keyMetadata().keyStateAsString(), "the reused key and its alias stay");
    }

    @Test
    void aKeyWhosePolicyShutsTheNpsUserOutIsAConflict() {
        SetupState s = fx.state();
        String admin = fx.session.whoAmI().arn();
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                + admin + "\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";
        String keyId = fx.kms().createKey(b -> b.policy(policy)).keyMetadata().keyId();
        fx.kms().createAlias(b -> b.aliasName(InputRules.normalizeAlias(s.alias)).targetKeyId(keyId));
        SetupRun run = fx.start(s, new Journal(dir));
        Existing e = run.inspect(StepId.KMS_KEY);
        assertEquals(Existing.Verdict.CONFLICT, e.verdict());
        assertTrue(e.explanation().contains(keyId) && e.explanation().contains("does not name"), e.explanation());
        run.run(StepId.POLICY, Progress.NONE);
        run.run(StepId.USER, Progress.NONE);
        run.run(StepId.ACCESS_KEY, Progress.NONE);
        ProblemException p = assertThrows(ProblemException.class, () -> run.run(StepId.KMS_KEY, Progress.NONE));
        assertEquals(Problem.Kind.CONFLICT, p.problem().kind());
        run.rollback(Progress.NONE);
    }

    @Test
    void leastPrivilegeWithFiveVersionsDeletesTheOldestNonDefaultFirst() {
        SetupState s = fx.state();
        String arn = createPolicy(s, DecryptPolicy.anyKeyInAccount(fx.sandbox.accountId()).toJson());
        for (int i = 0; i < 4; i++) {
            String doc = DecryptPolicy.oneKey("arn:aws:kms:us-east-1:" + fx.sandbox.accountId()
                    + ":key/00000000-0000-0000-0000-00000000000" + i).toJson();
            fx.iam().createPolicyVersion(b -> b.policyArn(arn).policyDocument(doc).setAsDefault(false));
        }
        List<String> before = versions(arn).stream().map(PolicyVersion::versionId).sorted().collect(Collectors.toList());
        assertEquals(5, before.size());

        SetupRun run = fx.start(s, new Journal(dir));
        for (StepId id : List.of(StepId.POLICY, StepId.USER, StepId.ACCESS_KEY, StepId.KMS_KEY)) {
            run.run(id, Progress.NONE);
        }
        Existing e = run.inspect(StepId.LEAST_PRIVILEGE);
        assertTrue(e.explanation().contains("5 versions") && e.explanation().contains("v2"), e.explanation());
        PlannedCall create = run.plan(StepId.LEAST_PRIVILEGE).stream()
                .filter(c -> c.action().equals("CreatePolicyVersion")).findFirst().orElseThrow();
        assertTrue(PolicyJson.sameDocument(create.documentBefore(), DecryptPolicy.anyKeyInAccount(fx.sandbox.accountId()).toJson()));
        assertTrue(PolicyJson.sameDocument(create.document(), DecryptPolicy.oneKey(s.keyArn).toJson()));

        run.runRemaining(Progress.NONE);
        List<String> after = versions(arn).stream().map(PolicyVersion::versionId).sorted().collect(Collectors.toList());
        assertEquals(5, after.size());
        assertFalse(after.contains("v2"), "the oldest non-default version went first: " + after);
        assertTrue(after.contains("v1"), "the old default stays: " + after);
        assertTrue(PolicyJson.sameDocument(defaultDocument(arn), DecryptPolicy.oneKey(s.keyArn).toJson()));
        assertEquals(Verification.Simulation.ONLY_THIS_KEY, s.verification.simulation());
    }
}
