package com.npskms.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.kms.KmsClient;

/** {@code --state FILE}: everything survives a restart, the file is written atomically and owner-only. */
class StateFileTest {
    @TempDir
    Path dir;

    @Test
    void stateSurvivesARestart() throws Exception {
        Path file = dir.resolve("sub/state.json");
        String adminKey;
        String policyArn;
        AccessKey userKey;
        SdkBytes blob;
        String keyArn;
        try (Sandbox first = Sandbox.start(Sandbox.Options.defaults().withStateFile(file))) {
            adminKey = first.adminAccessKeyId();
            IamClient iam = SandboxClients.iam(first);
            KmsClient kms = SandboxClients.kms(first);
            policyArn = iam.createPolicy(r -> r.policyName("Kept").policyDocument("{\"Version\":\"2012-10-17\","
                    + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"kms:Decrypt\",\"Resource\":\"*\"}]}")).policy().arn();
            iam.createUser(r -> r.userName("kept-user"));
            iam.attachUserPolicy(r -> r.userName("kept-user").policyArn(policyArn));
            userKey = iam.createAccessKey(r -> r.userName("kept-user")).accessKey();
            keyArn = kms.createKey(r -> r.description("kept")).keyMetadata().arn();
            kms.createAlias(r -> r.aliasName("alias/kept").targetKeyId(keyArn));
            blob = kms.encrypt(r -> r.keyId("alias/kept").plaintext(SdkBytes.fromUtf8String("survives"))).ciphertextBlob();
            // Written after each change, before close.
            assertTrue(Files.readString(file).contains("kept-user"));
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
        try (Sandbox second = Sandbox.start(Sandbox.Options.defaults().withStateFile(file))) {
            assertEquals(adminKey, second.adminAccessKeyId(), "the same administrator keys, so exports stay valid");
            IamClient iam = SandboxClients.iam(second);
            assertEquals(policyArn, iam.listAttachedUserPolicies(r -> r.userName("kept-user")).attachedPolicies().get(0)
                    .policyArn());
            KmsClient asUser = SandboxClients.kms(second, SandboxClients.creds(userKey.accessKeyId(),
                    userKey.secretAccessKey()));
            assertEquals("survives", asUser.decrypt(r -> r.ciphertextBlob(blob)).plaintext().asUtf8String());
            assertEquals(keyArn, SandboxClients.kms(second).describeKey(r -> r.keyId("alias/kept")).keyMetadata().arn());
        }
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void anUnreadableStateFileIsReportedNotIgnored() throws Exception {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{ not json");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> Sandbox.start(Sandbox.Options.defaults().withStateFile(file)));
        assertTrue(e.getMessage().contains("could not start"));
        assertEquals("{ not json", Files.readString(file), "the user's file is left as it was");
    }
}
