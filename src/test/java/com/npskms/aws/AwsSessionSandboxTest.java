package com.npskms.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.npskms.sandbox.Sandbox;
import com.npskms.sandbox.SandboxKnobs;
import com.npskms.setup.SecretText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;

/** The session and the plain-words problems against the sandbox, through the real SDK clients. */
class AwsSessionSandboxTest {
    static Sandbox sandbox;
    static AwsSession admin;
    static final AtomicInteger SEQ = new AtomicInteger();

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start();
        admin = AwsSession.open(settings(sandbox.adminAccessKeyId(), sandbox.adminSecretAccessKey()));
    }

    @AfterAll
    static void stop() {
        admin.close();
        sandbox.close();
    }

    @AfterEach
    void calm() {
        sandbox.knobs().clearFaults();
        sandbox.knobs().propagationDelay(Duration.ZERO);
    }

    static ConnectionSettings settings(String id, String secret) {
        return ConnectionSettings.sandbox(sandbox.endpoint(), id, SecretText.of(secret), null);
    }

    /** A user with only the given inline policy, and its access key. */
    static AccessKey operator(String actionsJson) {
        String name = "ops-" + SEQ.incrementAndGet();
        IamClient iam = admin.iam();
        iam.createUser(b -> b.userName(name));
        iam.putUserPolicy(b -> b.userName(name).policyName("p").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":" + actionsJson
                        + ",\"Resource\":\"*\"}]}"));
        return iam.createAccessKey(b -> b.userName(name)).accessKey();
    }

    @Test
    void whoAmIGivesAccountAndCallerInTheSandboxRegion() {
        CallerIdentity me = admin.whoAmI();
        assertEquals(sandbox.accountId(), me.accountId());
        assertTrue(me.arn().startsWith("arn:aws:iam::" + sandbox.accountId() + ":user/"), me.arn());
        assertEquals("us-east-1", admin.region());
        KeyMetadata key = admin.kms().createKey(b -> b.description("session test")).keyMetadata();
        assertTrue(key.arn().startsWith("arn:aws:kms:us-east-1:"), key.arn());
    }

    @Test
    void unknownKeyAndWrongSecretReadAsCredentialProblems() {
        try (AwsSession stranger = AwsSession.open(settings("AKIAUNKNOWN000000000", "x".repeat(40)))) {
            ProblemException e = assertThrows(ProblemException.class, stranger::whoAmI);
            assertEquals(Problem.Kind.CREDENTIALS, e.problem().kind());
            assertEquals("InvalidClientTokenId", e.problem().awsCode());
            assertTrue(e.problem().requestId() != null, "the request id is kept");
        }
        try (AwsSession wrong = AwsSession.open(settings(sandbox.adminAccessKeyId(),
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))) {
            ProblemException e = assertThrows(ProblemException.class, wrong::whoAmI);
            assertEquals(Problem.Kind.CREDENTIALS, e.problem().kind());
            assertFalse(e.getMessage().contains("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
            assertFalse(e.getMessage().contains(sandbox.adminSecretAccessKey()));
        }
        KmsClient kms = admin.kmsAs(StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIAUNKNOWN000000001", "y".repeat(40))));
        Problem p = Problems.from(assertThrows(RuntimeException.class, kms::listKeys), "Listing keys");
        assertEquals("UnrecognizedClientException", p.awsCode());
        assertEquals(Problem.Kind.CREDENTIALS, p.kind());
    }

    @Test
    void accessDeniedNamesTheActionAndTheCaller() {
        AccessKey k = operator("[\"iam:Get*\"]");
        try (AwsSession ops = AwsSession.open(settings(k.accessKeyId(), k.secretAccessKey()))) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> ops.iam().createUser(b -> b.userName("x")));
            Problem p = Problems.from(e, "Creating the IAM user x");
            assertEquals(Problem.Kind.PERMISSION, p.kind());
            assertTrue(p.next().contains("iam:CreateUser"), p.next());
            assertTrue(p.next().contains(":user/" + k.userName()), p.next());
            RuntimeException kmsDenied = assertThrows(RuntimeException.class, () -> ops.kms().createKey());
            Problem q = Problems.from(kmsDenied, "Creating the KMS key");
            assertEquals(Problem.Kind.PERMISSION, q.kind());
            assertTrue(q.next().contains("kms:CreateKey"), q.next());
        }
    }

    @Test
    void nameTakenAndTheAccessKeyLimitHaveTheirWords() {
        String user = "limits-" + SEQ.incrementAndGet();
        admin.iam().createUser(b -> b.userName(user));
        Problem taken = Problems.from(assertThrows(RuntimeException.class,
                () -> admin.iam().createUser(b -> b.userName(user))), "Creating the IAM user " + user);
        assertEquals(Problem.Kind.CONFLICT, taken.kind());
        admin.iam().createAccessKey(b -> b.userName(user));
        admin.iam().createAccessKey(b -> b.userName(user));
        Problem limit = Problems.from(assertThrows(RuntimeException.class,
                () -> admin.iam().createAccessKey(b -> b.userName(user))), "Creating an access key");
        assertEquals(Problem.Kind.LIMIT, limit.kind());
        assertTrue(limit.why().contains("two access keys"), limit.why());
    }

    @Test
    void throttlingIsRetriedByTheSdkAndNamedWhenItPersists() {
        sandbox.knobs().failNext("GetCallerIdentity", SandboxKnobs.Fault.THROTTLING, 2);
        try (AwsSession s = AwsSession.open(settings(sandbox.adminAccessKeyId(), sandbox.adminSecretAccessKey()))) {
            assertEquals(sandbox.accountId(), s.whoAmI().accountId(), "two throttled answers are retried away");
        }
        sandbox.knobs().failNext("GetCallerIdentity", SandboxKnobs.Fault.THROTTLING, 10);
        try (AwsSession s = AwsSession.open(settings(sandbox.adminAccessKeyId(), sandbox.adminSecretAccessKey()))) {
            ProblemException e = assertThrows(ProblemException.class, s::whoAmI);
            assertEquals(Problem.Kind.NETWORK, e.problem().kind());
            assertTrue(e.problem().why().contains("throttling"), e.problem().why());
        }
    }

    @Test
    void aDroppedConnectionIsANetworkProblemWithResumeAdvice() {
        sandbox.knobs().failNext("*", SandboxKnobs.Fault.DROP_CONNECTION, 10);
        try (AwsSession s = AwsSession.open(settings(sandbox.adminAccessKeyId(), sandbox.adminSecretAccessKey()))) {
            ProblemException e = assertThrows(ProblemException.class, s::whoAmI);
            assertEquals(Problem.Kind.NETWORK, e.problem().kind(), e.getMessage());
            assertTrue(e.problem().next().contains("resume"), e.problem().next());
        }
    }

    @Test
    void preflightAgainstRealSimulation() {
        AccessKey k = operator("[\"iam:Get*\",\"iam:List*\",\"iam:SimulatePrincipalPolicy\",\"kms:*\"]");
        try (AwsSession ops = AwsSession.open(settings(k.accessKeyId(), k.secretAccessKey()))) {
            Preflight.Result r = Preflight.check(ops, ops.whoAmI(), new Preflight.Needs(false, true, true));
            assertEquals(Preflight.Result.Status.MISSING, r.status());
            assertTrue(r.missing().contains("iam:CreateUser"));
            assertFalse(r.missing().contains("kms:CreateKey"));
            assertFalse(r.missing().contains("iam:GetUser"));
        }
        AccessKey blind = operator("[\"iam:CreateUser\"]");
        try (AwsSession ops = AwsSession.open(settings(blind.accessKeyId(), blind.secretAccessKey()))) {
            Preflight.Result r = Preflight.check(ops, ops.whoAmI(), Preflight.Needs.all());
            assertEquals(Preflight.Result.Status.NOT_CHECKED, r.status(), "the simulation itself is denied");
            assertTrue(r.mayProceed());
        }
        Preflight.Result adminResult = Preflight.check(admin, admin.whoAmI(), Preflight.Needs.all());
        assertTrue(adminResult.mayProceed(), adminResult.toText());
    }

    @Test
    void propagationIsWaitedOutForABrandNewAccessKey() {
        sandbox.knobs().propagationDelay(Duration.ofMillis(700));
        AccessKey k = operator("[\"kms:*\"]");
        String keyArn = admin.kms().createKey(b -> b.description("propagation")).keyMetadata().arn();
        // the key policy's root statement delegates to IAM, so the operator's kms:* applies once it is live
        KmsClient asNew = admin.kmsAs(StaticCredentialsProvider.create(
                AwsBasicCredentials.create(k.accessKeyId(), k.secretAccessKey())));
        List<String> shown = new ArrayList<>();
        SdkBytes cipher = Propagation.waitingFor("the new access key to work").onNewCredentials()
                .progress((m, f) -> shown.add(m)).maxWait(Duration.ofSeconds(20))
                .call(() -> asNew.encrypt(b -> b.keyId(keyArn).plaintext(SdkBytes.fromUtf8String("x")))
                        .ciphertextBlob());
        assertTrue(cipher.asByteArray().length > 0);
        assertTrue(shown.stream().anyMatch(m -> m.startsWith("Waiting for the new access key to work")), shown.toString());
    }
}
