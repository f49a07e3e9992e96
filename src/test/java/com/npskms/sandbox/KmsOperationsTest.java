package com.npskms.sandbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.*;

/** Every KMS operation of the sandbox and its errors, through the SDK's KmsClient. */
class KmsOperationsTest {
    static Sandbox sandbox;
    static KmsClient kms;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start();
        kms = SandboxClients.kms(sandbox);
    }

    @AfterAll
    static void stop() {
        kms.close();
        sandbox.close();
    }

    static KmsException fails(Class<? extends KmsException> type, String code, Executable call) {
        KmsException e = assertThrows(type, call);
        assertEquals(code, e.awsErrorDetails().errorCode());
        assertEquals(400, e.statusCode());
        return e;
    }

    static KeyMetadata newKey() {
        return kms.createKey(r -> r.description("test key")).keyMetadata();
    }

    @Test
    void createAndDescribeAKeyByIdArnAliasAndAliasArn() {
        KeyMetadata m = kms.createKey(r -> r.description("NPS protection key").keySpec(KeySpec.SYMMETRIC_DEFAULT)
                .keyUsage(KeyUsageType.ENCRYPT_DECRYPT).tags(Tag.builder().tagKey("owner").tagValue("sec").build()))
                .keyMetadata();
        assertEquals(sandbox.accountId(), m.awsAccountId());
        assertEquals("arn:aws:kms:us-east-1:" + sandbox.accountId() + ":key/" + m.keyId(), m.arn());
        assertEquals(KeyState.ENABLED, m.keyState());
        assertTrue(m.enabled());
        assertEquals(KeyManagerType.CUSTOMER, m.keyManager());
        assertEquals(List.of(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT), m.encryptionAlgorithms());
        kms.createAlias(r -> r.aliasName("alias/describe-me").targetKeyId(m.arn()));
        for (String id : List.of(m.keyId(), m.arn(), "alias/describe-me",
                "arn:aws:kms:us-east-1:" + sandbox.accountId() + ":alias/describe-me")) {
            assertEquals(m.keyId(), kms.describeKey(r -> r.keyId(id)).keyMetadata().keyId(), id);
        }
        assertEquals(Map.of("owner", "sec"), tags(m.keyId()));
        fails(NotFoundException.class, "NotFoundException",
                () -> kms.describeKey(r -> r.keyId("11111111-2222-3333-4444-555555555555")));
        fails(NotFoundException.class, "NotFoundException", () -> kms.describeKey(r -> r.keyId("alias/none")));
        assertTrue(kms.listKeys().keys().stream().anyMatch(k -> k.keyArn().equals(m.arn())));
    }

    private static Map<String, String> tags(String keyId) {
        Map<String, String> out = new java.util.HashMap<>();
        kms.listResourceTags(r -> r.keyId(keyId)).tags().forEach(t -> out.put(t.tagKey(), t.tagValue()));
        return out;
    }

    @Test
    void aliasesAreValidatedUniqueAndDeletable() {
        KeyMetadata m = newKey();
        kms.createAlias(r -> r.aliasName("alias/nps_Key-1/prod").targetKeyId(m.keyId()));
        KmsException taken = fails(AlreadyExistsException.class, "AlreadyExistsException",
                () -> kms.createAlias(r -> r.aliasName("alias/nps_Key-1/prod").targetKeyId(m.keyId())));
        assertTrue(taken.awsErrorDetails().errorMessage().contains("already exists"));
        KmsException reserved = assertThrows(KmsException.class,
                () -> kms.createAlias(r -> r.aliasName("alias/aws/mine").targetKeyId(m.keyId())));
        assertTrue(reserved.awsErrorDetails().errorMessage().contains("alias/aws/"));
        assertThrows(KmsException.class, () -> kms.createAlias(r -> r.aliasName("no-prefix").targetKeyId(m.keyId())));
        assertThrows(KmsException.class, () -> kms.createAlias(r -> r.aliasName("alias/has space").targetKeyId(m.keyId())));
        assertThrows(KmsException.class,
                () -> kms.createAlias(r -> r.aliasName("alias/" + "a".repeat(251)).targetKeyId(m.keyId())));
        kms.createAlias(r -> r.aliasName("alias/" + "a".repeat(250)).targetKeyId(m.keyId()));
        fails(NotFoundException.class, "NotFoundException", () -> kms.createAlias(r -> r.aliasName("alias/orphan")
                .targetKeyId("11111111-2222-3333-4444-555555555555")));

        List<AliasListEntry> forKey = kms.listAliases(r -> r.keyId(m.keyId())).aliases();
        assertEquals(2, forKey.size());
        AliasListEntry entry = forKey.stream().filter(a -> a.aliasName().equals("alias/nps_Key-1/prod")).findFirst()
                .orElseThrow();
        assertEquals("arn:aws:kms:us-east-1:" + sandbox.accountId() + ":alias/nps_Key-1/prod", entry.aliasArn());
        assertEquals(m.keyId(), entry.targetKeyId());
        kms.deleteAlias(r -> r.aliasName("alias/nps_Key-1/prod"));
        fails(NotFoundException.class, "NotFoundException", () -> kms.deleteAlias(r -> r.aliasName("alias/nps_Key-1/prod")));
        assertEquals(1, kms.listAliases(r -> r.keyId(m.keyId())).aliases().size());
    }

    @Test
    void keyPolicyRotationAndTags() {
        KeyMetadata m = newKey();
        String policy = kms.getKeyPolicy(r -> r.keyId(m.keyId()).policyName("default")).policy();
        assertTrue(policy.contains("arn:aws:iam::" + sandbox.accountId() + ":root"), policy);
        String console = SandboxClients.consoleKeyPolicy(sandbox.accountId(),
                "arn:aws:iam::" + sandbox.accountId() + ":user/" + sandbox.adminUserName(),
                "arn:aws:iam::" + sandbox.accountId() + ":role/Admin");
        kms.putKeyPolicy(r -> r.keyId(m.keyId()).policyName("default").policy(console));
        assertEquals(console, kms.getKeyPolicy(r -> r.keyId(m.keyId())).policy());
        fails(MalformedPolicyDocumentException.class, "MalformedPolicyDocumentException",
                () -> kms.putKeyPolicy(r -> r.keyId(m.keyId()).policy("{not json")));

        assertFalse(kms.getKeyRotationStatus(r -> r.keyId(m.keyId())).keyRotationEnabled());
        kms.enableKeyRotation(r -> r.keyId(m.keyId()));
        assertTrue(kms.getKeyRotationStatus(r -> r.keyId(m.keyId())).keyRotationEnabled());

        kms.tagResource(r -> r.keyId(m.keyId()).tags(Tag.builder().tagKey("env").tagValue("prod").build()));
        assertEquals(Map.of("env", "prod"), tags(m.keyId()));
        fails(TagException.class, "TagException", () -> kms.tagResource(r -> r.keyId(m.keyId())
                .tags(Tag.builder().tagKey("k".repeat(129)).tagValue("v").build())));
        fails(TagException.class, "TagException", () -> kms.tagResource(r -> r.keyId(m.keyId())
                .tags(Tag.builder().tagKey("k").tagValue("v".repeat(257)).build())));
    }

    @Test
    void encryptDecryptWithContextAndDataKeys() {
        KeyMetadata m = newKey();
        KeyMetadata other = newKey();
        SdkBytes plain = SdkBytes.fromUtf8String("the NPS data key");
        EncryptResponse enc = kms.encrypt(r -> r.keyId(m.keyId()).plaintext(plain)
                .encryptionContext(Map.of("app", "nps")));
        assertEquals(m.arn(), enc.keyId());
        DecryptResponse dec = kms.decrypt(r -> r.ciphertextBlob(enc.ciphertextBlob())
                .encryptionContext(Map.of("app", "nps")));
        assertEquals(plain, dec.plaintext());
        assertEquals(m.arn(), dec.keyId());
        fails(InvalidCiphertextException.class, "InvalidCiphertextException",
                () -> kms.decrypt(r -> r.ciphertextBlob(enc.ciphertextBlob())));
        fails(IncorrectKeyException.class, "IncorrectKeyException", () -> kms.decrypt(r -> r
                .ciphertextBlob(enc.ciphertextBlob()).keyId(other.keyId()).encryptionContext(Map.of("app", "nps"))));
        byte[] tampered = enc.ciphertextBlob().asByteArray();
        tampered[tampered.length - 1] ^= 1;
        fails(InvalidCiphertextException.class, "InvalidCiphertextException", () -> kms.decrypt(r -> r
                .ciphertextBlob(SdkBytes.fromByteArray(tampered)).encryptionContext(Map.of("app", "nps"))));
        assertThrows(KmsException.class, () -> kms.encrypt(r -> r.keyId(m.keyId())
                .plaintext(SdkBytes.fromByteArray(new byte[4097]))));

        GenerateDataKeyResponse dk = kms.generateDataKey(r -> r.keyId(m.arn()).keySpec(DataKeySpec.AES_256));
        assertEquals(32, dk.plaintext().asByteArray().length);
        assertArrayEquals(dk.plaintext().asByteArray(),
                kms.decrypt(r -> r.ciphertextBlob(dk.ciphertextBlob())).plaintext().asByteArray());
        assertEquals(16, kms.generateDataKey(r -> r.keyId(m.keyId()).numberOfBytes(16)).plaintext().asByteArray().length);
    }

    @Test
    void scheduledDeletionStopsUseAtOnce() {
        KeyMetadata m = newKey();
        SdkBytes blob = kms.encrypt(r -> r.keyId(m.keyId()).plaintext(SdkBytes.fromUtf8String("x"))).ciphertextBlob();
        assertThrows(KmsException.class, () -> kms.scheduleKeyDeletion(r -> r.keyId(m.keyId()).pendingWindowInDays(6)));
        assertThrows(KmsException.class, () -> kms.scheduleKeyDeletion(r -> r.keyId(m.keyId()).pendingWindowInDays(31)));
        ScheduleKeyDeletionResponse s = kms.scheduleKeyDeletion(r -> r.keyId(m.keyId()).pendingWindowInDays(7));
        assertEquals(KeyState.PENDING_DELETION, s.keyState());
        assertEquals(7, s.pendingWindowInDays());
        assertNotNull(s.deletionDate());
        KeyMetadata pending = kms.describeKey(r -> r.keyId(m.keyId())).keyMetadata();
        assertEquals(KeyState.PENDING_DELETION, pending.keyState());
        assertFalse(pending.enabled());
        fails(KmsInvalidStateException.class, "KMSInvalidStateException", () -> kms.decrypt(r -> r.ciphertextBlob(blob)));
        fails(KmsInvalidStateException.class, "KMSInvalidStateException",
                () -> kms.encrypt(r -> r.keyId(m.keyId()).plaintext(SdkBytes.fromUtf8String("x"))));
        fails(KmsInvalidStateException.class, "KMSInvalidStateException",
                () -> kms.scheduleKeyDeletion(r -> r.keyId(m.keyId())));
    }

    @Test
    void onlySymmetricEncryptionKeys() {
        assertThrows(KmsException.class, () -> kms.createKey(r -> r.keySpec(KeySpec.RSA_2048)
                .keyUsage(KeyUsageType.SIGN_VERIFY)));
    }
}
