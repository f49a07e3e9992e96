package com.npskms.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** The NPS guide's manual procedure, run by the real SDK clients against a sandbox. */
class NpsProcedureTest {
    static Sandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void theWholeManualProcedureWorksAndTheNewUserCanDecrypt() {
        String acct = sandbox.accountId();
        GetCallerIdentityResponse me = SandboxClients.sts(sandbox).getCallerIdentity();
        assertEquals(acct, me.account());
        assertEquals("arn:aws:iam::" + acct + ":user/" + sandbox.adminUserName(), me.arn());

        IamClient iam = SandboxClients.iam(sandbox);
        KmsClient kms = SandboxClients.kms(sandbox);

        // Create an AWS policy: kms:Decrypt on any key in this account.
        Policy policy = iam.createPolicy(r -> r.policyName("NPS-KMS-Decrypt").description("NPS decrypt")
                .policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                        + "\"kms:Decrypt\",\"Resource\":\"arn:aws:kms:*:" + acct + ":key/*\"}]}")).policy();
        assertEquals("arn:aws:iam::" + acct + ":policy/NPS-KMS-Decrypt", policy.arn());
        assertEquals("v1", policy.defaultVersionId());
        assertEquals(policy.policyId(), iam.getPolicy(r -> r.policyArn(policy.arn())).policy().policyId());

        // Create a user with console access, attach the policy directly.
        String userArn = iam.createUser(r -> r.userName("nps-kms")).user().arn();
        assertEquals("arn:aws:iam::" + acct + ":user/nps-kms", userArn);
        iam.createLoginProfile(r -> r.userName("nps-kms").password("Str0ng-Passw0rd!").passwordResetRequired(true));
        iam.attachUserPolicy(r -> r.userName("nps-kms").policyArn(policy.arn()));

        // Access key, "Application running outside AWS", description as a tag named after the key.
        AccessKey key = iam.createAccessKey(r -> r.userName("nps-kms")).accessKey();
        assertTrue(key.accessKeyId().startsWith("AKIA"));
        assertEquals(40, key.secretAccessKey().length());
        iam.tagUser(r -> r.userName("nps-kms").tags(Tag.builder().key(key.accessKeyId()).value("NPS KMS key").build()));
        assertEquals("NPS KMS key", iam.listUserTags(r -> r.userName("nps-kms")).tags().get(0).value());

        // Symmetric key with the console key policy, and an alias.
        KeyMetadata meta = kms.createKey(r -> r.keySpec("SYMMETRIC_DEFAULT").keyUsage("ENCRYPT_DECRYPT")
                .description("NPS protection key")
                .tags(software.amazon.awssdk.services.kms.model.Tag.builder().tagKey("app").tagValue("nps").build())
                .policy(SandboxClients.consoleKeyPolicy(acct, me.arn(), userArn))).keyMetadata();
        assertTrue(meta.arn().matches("arn:aws:kms:us-east-1:" + acct + ":key/[0-9a-f-]{36}"));
        assertEquals("Enabled", meta.keyStateAsString());
        kms.createAlias(r -> r.aliasName("alias/nps-kms").targetKeyId(meta.keyId()));
        assertEquals(meta.arn(), kms.describeKey(r -> r.keyId("alias/nps-kms")).keyMetadata().arn());

        // Least privilege: a new default policy version naming only this key.
        String leastPrivilege = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                + "\"kms:Decrypt\",\"Resource\":\"" + meta.arn() + "\"}]}";
        var v2 = iam.createPolicyVersion(r -> r.policyArn(policy.arn()).policyDocument(leastPrivilege)
                .setAsDefault(true)).policyVersion();
        assertEquals("v2", v2.versionId());
        assertTrue(v2.isDefaultVersion());
        String doc = iam.getPolicyVersion(r -> r.policyArn(policy.arn()).versionId("v2")).policyVersion().document();
        assertEquals(leastPrivilege, URLDecoder.decode(doc, StandardCharsets.UTF_8));

        // Encrypt as the administrator, decrypt with the new user's own key (no KeyId: the blob names it).
        SdkBytes secret = SdkBytes.fromUtf8String("NPS secret key material");
        SdkBytes blob = kms.encrypt(r -> r.keyId("alias/nps-kms").plaintext(secret)).ciphertextBlob();
        assertNotEquals(secret, blob);
        KmsClient asNps = SandboxClients.kms(sandbox, SandboxClients.creds(key.accessKeyId(), key.secretAccessKey()));
        var decrypted = asNps.decrypt(r -> r.ciphertextBlob(blob));
        assertEquals("NPS secret key material", decrypted.plaintext().asUtf8String());
        assertEquals(meta.arn(), decrypted.keyId());

        // The new user may not do more than the key policy and its IAM policy allow.
        KmsException denied = assertThrows(KmsException.class, () -> asNps.scheduleKeyDeletion(r -> r.keyId(meta.keyId())));
        assertEquals("AccessDeniedException", denied.awsErrorDetails().errorCode());
        var lastUsed = iam.getAccessKeyLastUsed(r -> r.accessKeyId(key.accessKeyId())).accessKeyLastUsed();
        assertEquals("kms", lastUsed.serviceName());
        assertEquals("us-east-1", lastUsed.region());
    }
}
