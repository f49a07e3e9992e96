package com.npskms.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.npskms.aws.AwsSession;
import com.npskms.aws.Problem;
import com.npskms.aws.ProblemException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;

/** Rotating the NPS user's access key as AWS recommends, against a sandbox. */
class AccessKeyRotationSandboxTest {
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

    /** A finished setup: the NPS user with one access key (the one NPS uses). */
    private SetupRun setUp() {
        SetupRun run = fx.start(fx.state(), new Journal(dir));
        run.runRemaining(Progress.NONE);
        return run;
    }

    /** NPS decrypting with a key, which AWS records as its last use. */
    private void useKey(String id, String secret, String keyArn) {
        try (AwsSession as = fx.open(id, secret)) {
            var kms = as.kms();
            var blob = kms.encrypt(b -> b.keyId(keyArn).plaintext(SdkBytes.fromUtf8String("x"))).ciphertextBlob();
            kms.decrypt(b -> b.ciphertextBlob(blob).keyId(keyArn));
        }
    }

    private static void nextSecond() {
        try {
            Thread.sleep(1000 - System.currentTimeMillis() % 1000 + 5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void rotationWithOneExistingKey() {
        SetupRun run = setUp();
        SetupState s = run.state();
        String oldKey = s.accessKeyId;
        useKey(oldKey, s.secretAccessKey.reveal(), s.keyArn);
        AccessKeyRotation rotation = new AccessKeyRotation(fx.session, s.userName);

        List<AccessKeyInfo> keys = rotation.keys();
        assertEquals(1, keys.size());
        assertEquals(oldKey, keys.get(0).accessKeyId());
        assertEquals(s.accessKeyDescription, keys.get(0).description());
        assertTrue(keys.get(0).active());
        assertFalse(keys.get(0).neverUsed(), keys.get(0).lastUseText());

        nextSecond(); // IAM dates have one-second resolution
        NewAccessKey fresh = rotation.createNewKey("NPS rotated");
        assertFalse(fresh.toString().contains(fresh.secretAccessKey().reveal()));
        assertEquals(2, rotation.keys().size());
        assertEquals("never used", rotation.keys().get(1).lastUseText());
        assertEquals("NPS rotated", rotation.keys().get(1).description());

        // The old key cannot go before the admin confirms NPS has been switched.
        ProblemException unconfirmed = assertThrows(ProblemException.class, () -> rotation.delete(oldKey, false));
        assertTrue(unconfirmed.problem().why().contains("confirmation"));
        KeyUsage before = rotation.usage(fresh.accessKeyId(), oldKey);
        assertFalse(before.newKeyUsed());
        assertFalse(before.switched());
        assertTrue(before.summary().contains("has not been used yet"), before.summary());

        // NPS switched to the new key.
        useKey(fresh.accessKeyId(), fresh.secretAccessKey().reveal(), s.keyArn);
        KeyUsage after = rotation.usage(fresh.accessKeyId(), oldKey);
        assertTrue(after.newKeyUsed(), after.summary());
        assertFalse(after.oldKeyStillUsed(), after.summary());
        assertTrue(after.switched());

        rotation.deactivate(oldKey);
        assertEquals("Inactive", rotation.keys().get(0).status());
        rotation.delete(oldKey, true);
        List<AccessKeyInfo> left = rotation.keys();
        assertEquals(List.of(fresh.accessKeyId()), left.stream().map(AccessKeyInfo::accessKeyId).toList());
        assertTrue(fx.iam().listUserTags(b -> b.userName(s.userName)).tags().stream()
                .noneMatch(t -> t.key().equals(oldKey)), "the old key's description tag is gone");

        // The only key left is never deleted.
        ProblemException last = assertThrows(ProblemException.class, () -> rotation.delete(fresh.accessKeyId(), true));
        assertTrue(last.problem().why().contains("no newer active access key"), last.problem().why());
    }

    @Test
    void oldKeyStillInUseIsReported() {
        SetupRun run = setUp();
        SetupState s = run.state();
        AccessKeyRotation rotation = new AccessKeyRotation(fx.session, s.userName);
        NewAccessKey fresh = rotation.createNewKey("");
        useKey(s.accessKeyId, s.secretAccessKey.reveal(), s.keyArn);
        KeyUsage usage = rotation.usage(fresh.accessKeyId(), s.accessKeyId);
        assertTrue(usage.oldKeyStillUsed(), usage.summary());
        assertFalse(usage.switched());
        assertTrue(usage.summary().contains("still being used"));
    }

    @Test
    void rotationWithTwoExistingKeysExplainsWhichOneToRemove() {
        SetupRun run = setUp();
        SetupState s = run.state();
        useKey(s.accessKeyId, s.secretAccessKey.reveal(), s.keyArn);
        String spare = fx.iam().createAccessKey(b -> b.userName(s.userName)).accessKey().accessKeyId();
        AccessKeyRotation rotation = new AccessKeyRotation(fx.session, s.userName);

        ProblemException limit = assertThrows(ProblemException.class, () -> rotation.createNewKey("next"));
        assertEquals(Problem.Kind.LIMIT, limit.problem().kind());
        assertTrue(limit.problem().next().contains(spare), limit.problem().next());
        assertTrue(limit.problem().next().contains("never used"), limit.problem().next());
        assertEquals(spare, rotation.replaceable(rotation.keys()).orElseThrow().accessKeyId());

        rotation.deactivate(spare);
        assertEquals("Inactive", rotation.keys().stream().filter(k -> k.accessKeyId().equals(spare)).findFirst()
                .orElseThrow().status());
        // The rotation's delete is for the old key once NPS uses a newer one: not for this spare.
        ProblemException refused = assertThrows(ProblemException.class, () -> rotation.delete(spare, true));
        assertTrue(refused.problem().why().contains("no newer active"), refused.problem().why());
        // NPS's own key (active, used) is never offered for removal.
        assertThrows(ProblemException.class, () -> rotation.removeToMakeRoom(s.accessKeyId, true));
        assertThrows(ProblemException.class, () -> rotation.removeToMakeRoom(spare, false));
        rotation.removeToMakeRoom(spare, true);
        assertEquals(1, rotation.keys().size());

        NewAccessKey fresh = rotation.createNewKey("next");
        assertEquals(2, rotation.keys().size());
        assertNull(rotation.keys().stream().filter(k -> k.accessKeyId().equals(fresh.accessKeyId())).findFirst()
                .orElseThrow().lastUsedDate());
    }
}
