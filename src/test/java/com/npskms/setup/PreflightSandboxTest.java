package com.npskms.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.npskms.aws.AwsSession;
import com.npskms.aws.Problem;
import com.npskms.aws.ProblemException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.model.AccessKey;

/** An operator who lacks permissions is stopped before anything is created. */
class PreflightSandboxTest {
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

    /** A sandbox user allowed exactly {@code actions}, signed in. */
    private AwsSession operator(String name, List<String> actions) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode doc = json.createObjectNode().put("Version", "2012-10-17");
        ObjectNode st = doc.putArray("Statement").addObject().put("Effect", "Allow").put("Resource", "*");
        ArrayNode a = st.putArray("Action");
        actions.forEach(a::add);
        a.add("sts:GetCallerIdentity");
        fx.iam().createUser(b -> b.userName(name));
        String arn = fx.iam().createPolicy(b -> b.policyName(name + "-ops").policyDocument(doc.toString())).policy().arn();
        fx.iam().attachUserPolicy(b -> b.userName(name).policyArn(arn));
        AccessKey key = fx.iam().createAccessKey(b -> b.userName(name)).accessKey();
        return fx.open(key.accessKeyId(), key.secretAccessKey());
    }

    @Test
    void missingPermissionsStopTheRunBeforeAnythingIsCreated() throws Exception {
        SetupState s = fx.state();
        List<String> allowed = new ArrayList<>(SetupRun.requiredActions(s));
        allowed.remove("iam:CreateUser");
        allowed.remove("kms:CreateKey");
        try (AwsSession op = operator("operator-missing", allowed)) {
            s.keyAdministrators.add(op.whoAmI().arn());
            SetupRun run = SetupRun.start(op, s, new Journal(dir)).withBackoff(Backoff.fast(Duration.ofSeconds(5)))
                    .withPreflight(Progress.NONE);
            ProblemException e = assertThrows(ProblemException.class, () -> run.runRemaining(Progress.NONE));
            assertEquals(Problem.Kind.PERMISSION, e.problem().kind());
            assertTrue(e.problem().why().contains("iam:CreateUser") && e.problem().why().contains("kms:CreateKey"),
                    e.problem().why());
            assertFalse(e.problem().why().contains("- iam:CreatePolicy"), "only what is missing is listed");
        }
        assertEquals("none", fx.snapshot(s).get("policy"), "nothing was created");
        assertTrue(new Journal(dir).findLast().isEmpty(), "no run was journaled");
    }

    @Test
    void aMatchingPolicyAndUserAreReusedByAnOperatorWhoMayNotCreateThem() throws Exception {
        SetupState s = fx.state();
        fx.iam().createPolicy(b -> b.policyName(s.policyName)
                .policyDocument(com.npskms.policy.DecryptPolicy.anyKeyInAccount(fx.sandbox.accountId()).toJson()));
        fx.iam().createUser(b -> b.userName(s.userName));
        List<String> allowed = new ArrayList<>(SetupRun.requiredActions(s));
        allowed.remove("iam:CreatePolicy");
        allowed.remove("iam:CreateUser");
        try (AwsSession op = operator("operator-reuser", allowed)) {
            s.keyAdministrators.add(op.whoAmI().arn());
            SetupRun run = SetupRun.start(op, s, new Journal(dir)).withBackoff(Backoff.fast(Duration.ofSeconds(20)));
            run.runRemaining(Progress.NONE);
        }
        assertFalse(s.policyCreated || s.userCreated);
        assertTrue(s.keyCreated && s.accessKeyCreated);
        assertEquals(Verification.Simulation.ONLY_THIS_KEY, s.verification.simulation());
    }

    @Test
    void aSimulationThatIsItselfDeniedIsAdviceAndTheRunGoesOn() throws Exception {
        SetupState s = fx.state();
        List<String> allowed = new ArrayList<>(SetupRun.requiredActions(s));
        allowed.remove("iam:SimulatePrincipalPolicy");
        List<String> progress = new ArrayList<>();
        try (AwsSession op = operator("operator-nosim", allowed)) {
            s.keyAdministrators.add(op.whoAmI().arn());
            SetupRun run = SetupRun.start(op, s, new Journal(dir)).withBackoff(Backoff.fast(Duration.ofSeconds(20)))
                    .withPreflight((m, f) -> progress.add(m));
            run.runRemaining(Progress.NONE);
            assertTrue(progress.stream().anyMatch(m -> m.contains("could not be checked")), progress.toString());
            assertTrue(s.verification.roundTrip());
            assertEquals(Verification.Simulation.UNAVAILABLE, s.verification.simulation());
            assertTrue(s.verification.detail().contains("advice, not proof"), s.verification.detail());
        }
        assertEquals(SandboxFixture.completeRun(s), fx.snapshot(s));
    }
}
