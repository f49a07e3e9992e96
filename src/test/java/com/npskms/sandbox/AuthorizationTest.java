package com.npskms.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.MalformedPolicyDocumentException;

/** IAM identity policies and KMS key policies are enforced, and SimulatePrincipalPolicy agrees with enforcement. */
class AuthorizationTest {
    static Sandbox sandbox;
    static IamClient iam;
    static KmsClient kms;
    static String acct;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start();
        iam = SandboxClients.iam(sandbox);
        kms = SandboxClients.kms(sandbox);
        acct = sandbox.accountId();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    /** A user with the given inline identity policy (or none) and its credentials. */
    static AwsCredentialsProvider user(String name, String policy) {
        iam.createUser(r -> r.userName(name));
        if (policy != null) {
            iam.putUserPolicy(r -> r.userName(name).policyName("p").policyDocument(policy));
        }
        AccessKey k = iam.createAccessKey(r -> r.userName(name)).accessKey();
        return SandboxClients.creds(k.accessKeyId(), k.secretAccessKey());
    }

    static String allow(String action, String resource) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":" + action
                + ",\"Resource\":" + resource + "}]}";
    }

    static String arn(String name) {
        return "arn:aws:iam::" + acct + ":user/" + name;
    }

    static boolean canEncrypt(KmsClient client, String keyId) {
        try {
            client.encrypt(r -> r.keyId(keyId).plaintext(SdkBytes.fromUtf8String("x")));
            return true;
        } catch (KmsException e) {
            assertEquals("AccessDeniedException", e.awsErrorDetails().errorCode());
            assertTrue(e.awsErrorDetails().errorMessage().contains("kms:Encrypt"), e.awsErrorDetails().errorMessage());
            return false;
        }
    }

    @Test
    void iamPolicyScopedToOneKeyArnAllowsExactlyThatKey() {
        KeyMetadata a = kms.createKey(r -> r.description("a")).keyMetadata();
        KeyMetadata b = kms.createKey(r -> r.description("b")).keyMetadata();
        KmsClient scoped = SandboxClients.kms(sandbox,
                user("scoped", allow("[\"kms:Encrypt\",\"kms:Decrypt\"]", "\"" + a.arn() + "\"")));
        assertTrue(canEncrypt(scoped, a.keyId()));
        assertTrue(!canEncrypt(scoped, b.keyId()));
        // SimulatePrincipalPolicy gives the same answers.
        List<EvaluationResult> sim = iam.simulatePrincipalPolicy(r -> r.policySourceArn(arn("scoped"))
                .actionNames("kms:Encrypt").resourceArns(a.arn(), b.arn())).evaluationResults();
        assertEquals("allowed", sim.get(0).evalDecisionAsString());
        assertEquals("implicitDeny", sim.get(1).evalDecisionAsString());
    }

    @Test
    void keyPolicyWithoutTheUserDeniesEvenWithIamAllowEverything() {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                + arn(sandbox.adminUserName()) + "\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";
        KeyMetadata k = kms.createKey(r -> r.policy(policy)).keyMetadata();
        KmsClient strong = SandboxClients.kms(sandbox, user("strong", allow("\"kms:*\"", "\"*\"")));
        assertTrue(!canEncrypt(strong, k.keyId()));
    }

    @Test
    void keyPolicyNamingTheUserAllowsWithoutAnyIamPolicy() {
        AwsCredentialsProvider creds = user("named", null);
        KeyMetadata k = kms.createKey(r -> r.policy(SandboxClients.consoleKeyPolicy(acct,
                arn(sandbox.adminUserName()), arn("named")))).keyMetadata();
        KmsClient named = SandboxClients.kms(sandbox, creds);
        assertTrue(canEncrypt(named, k.keyId()));
        // "Allow use of the key" does not include key management.
        KmsException e = assertThrows(KmsException.class, () -> named.scheduleKeyDeletion(r -> r.keyId(k.keyId())));
        assertEquals("AccessDeniedException", e.awsErrorDetails().errorCode());
    }

    @Test
    void explicitDenyInTheKeyPolicyWins() {
        AwsCredentialsProvider creds = user("denied", allow("\"kms:*\"", "\"*\""));
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + acct + ":root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"},"
                + "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + arn("denied") + "\"},\"Action\":\"kms:*\",\"Resource\":\"*\"},"
                + "{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"" + arn("denied") + "\"},\"Action\":\"kms:Encrypt\",\"Resource\":\"*\"}]}";
        KeyMetadata k = kms.createKey(r -> r.policy(policy)).keyMetadata();
        KmsClient client = SandboxClients.kms(sandbox, creds);
        assertTrue(!canEncrypt(client, k.keyId()));
        client.describeKey(r -> r.keyId(k.keyId()));
    }

    @Test
    void rootStatementDelegatesToIamOnlyWhileTheIamPolicyAllows() {
        KeyMetadata k = kms.createKey(r -> r.description("delegated")).keyMetadata();
        String policyArn = iam.createPolicy(r -> r.policyName("EncryptAny").policyDocument(
                allow("\"kms:Encrypt\"", "\"arn:aws:kms:*:" + acct + ":key/*\""))).policy().arn();
        KmsClient client = SandboxClients.kms(sandbox, user("delegate", null));
        assertTrue(!canEncrypt(client, k.keyId()));
        iam.attachUserPolicy(r -> r.userName("delegate").policyArn(policyArn));
        assertTrue(canEncrypt(client, k.keyId()));
        iam.detachUserPolicy(r -> r.userName("delegate").policyArn(policyArn));
        assertTrue(!canEncrypt(client, k.keyId()));
    }

    @Test
    void grantConditionDoesNotOpenOrdinaryCalls() {
        AwsCredentialsProvider creds = user("grantee", null);
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + acct + ":root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"},"
                + "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + arn("grantee") + "\"},\"Action\":\"kms:*\",\"Resource\":\"*\","
                + "\"Condition\":{\"Bool\":{\"kms:GrantIsForAWSResource\":\"true\"}}}]}";
        KeyMetadata k = kms.createKey(r -> r.policy(policy)).keyMetadata();
        assertTrue(!canEncrypt(SandboxClients.kms(sandbox, creds), k.keyId()));
    }

    @Test
    void iamActionsNeedAnIdentityPolicyWithWildcardsAndDenyWins() {
        AwsCredentialsProvider creds = user("reader", "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Action\":[\"iam:?etUser\",\"iam:List*\"],\"Resource\":\"*\"},"
                + "{\"Effect\":\"Deny\",\"Action\":\"iam:ListRoles\",\"Resource\":\"*\"}]}");
        IamClient reader = SandboxClients.iam(sandbox, creds);
        reader.getUser(r -> r.userName("reader"));
        reader.listUsers();
        AwsServiceException create = assertThrows(AwsServiceException.class, () -> reader.createUser(r -> r.userName("x")));
        assertEquals("AccessDenied", create.awsErrorDetails().errorCode());
        assertEquals(403, create.statusCode());
        assertTrue(create.awsErrorDetails().errorMessage().contains("iam:CreateUser"));
        AwsServiceException roles = assertThrows(AwsServiceException.class, reader::listRoles);
        assertTrue(roles.awsErrorDetails().errorMessage().contains("explicit deny"));

        List<EvaluationResult> sim = iam.simulatePrincipalPolicy(r -> r.policySourceArn(arn("reader"))
                .actionNames("iam:GetUser", "iam:CreateUser", "iam:ListRoles")).evaluationResults();
        assertEquals(List.of("allowed", "implicitDeny", "explicitDeny"),
                sim.stream().map(EvaluationResult::evalDecisionAsString).toList());
    }

    @Test
    void simulateForARoleAndForTheAdministrator() {
        List<EvaluationResult> role = iam.simulatePrincipalPolicy(r -> r.policySourceArn("arn:aws:iam::" + acct
                + ":role/Admin").actionNames("kms:CreateKey", "iam:CreateUser")).evaluationResults();
        assertTrue(role.stream().allMatch(e -> e.evalDecisionAsString().equals("allowed")));
        assertEquals("allowed", iam.simulatePrincipalPolicy(r -> r.policySourceArn(arn(sandbox.adminUserName()))
                .actionNames("kms:PutKeyPolicy")).evaluationResults().get(0).evalDecisionAsString());
        assertThrows(software.amazon.awssdk.services.iam.model.NoSuchEntityException.class,
                () -> iam.simulatePrincipalPolicy(r -> r.policySourceArn(arn("nobody")).actionNames("kms:Decrypt")));
    }

    @Test
    void keyPolicyNamingAMissingPrincipalIsMalformed() {
        MalformedPolicyDocumentException e = assertThrows(MalformedPolicyDocumentException.class,
                () -> kms.createKey(r -> r.policy(SandboxClients.consoleKeyPolicy(acct, arn(sandbox.adminUserName()),
                        arn("not-created-yet")))));
        assertTrue(e.awsErrorDetails().errorMessage().contains("invalid principals"));
    }

    @Test
    void keyPolicyThatWouldLockTheCallerOutIsRefused() {
        user("someone-else", null);
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                + arn("someone-else") + "\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";
        MalformedPolicyDocumentException e = assertThrows(MalformedPolicyDocumentException.class,
                () -> kms.createKey(r -> r.policy(policy)));
        assertEquals("The new key policy will not allow you to update the key policy in the future.",
                e.awsErrorDetails().errorMessage());
        KeyMetadata k = kms.createKey(r -> r.description("mine")).keyMetadata();
        assertThrows(MalformedPolicyDocumentException.class,
                () -> kms.putKeyPolicy(r -> r.keyId(k.keyId()).policyName("default").policy(policy)));
    }

    @Test
    void kmsActionsWithoutAKeyNeedAnIdentityPolicy() {
        KmsClient nobody = SandboxClients.kms(sandbox, user("no-kms", null));
        KmsException e = assertThrows(KmsException.class, () -> nobody.createKey(r -> r.description("x")));
        assertEquals("AccessDeniedException", e.awsErrorDetails().errorCode());
        assertThrows(KmsException.class, nobody::listKeys);
        KmsClient creator = SandboxClients.kms(sandbox, user("creator",
                allow("[\"kms:CreateKey\",\"kms:ListKeys\"]", "\"*\"")));
        // The default key policy is applied without a lockout check; a given policy naming only the root is
        // checked, and this creator's IAM policy does not allow kms:PutKeyPolicy, so it would be locked out.
        String keyId = creator.createKey(r -> r.description("x")).keyMetadata().keyId();
        assertTrue(creator.listKeys().keys().stream().anyMatch(k -> k.keyId().equals(keyId)));
        String rootOnly = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"arn:aws:iam::" + acct + ":root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";
        assertThrows(MalformedPolicyDocumentException.class, () -> creator.createKey(r -> r.policy(rootOnly)));
    }
}
