package com.npskms.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.kms.KmsClient;

/** Concurrent callers: every call answered, state consistent, a name taken exactly once. */
class ConcurrencyTest {

    @Test
    void concurrentCallersGetConsistentAnswers() throws Exception {
        try (Sandbox sandbox = Sandbox.start()) {
            IamClient iam = SandboxClients.iam(sandbox);
            KmsClient kms = SandboxClients.kms(sandbox);
            String keyArn = kms.createKey(r -> r.description("shared")).keyMetadata().arn();
            int threads = 8;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Callable<Integer>> work = new ArrayList<>();
                AtomicInteger created = new AtomicInteger();
                AtomicInteger refused = new AtomicInteger();
                for (int t = 0; t < threads; t++) {
                    int n = t;
                    work.add(() -> {
                        String name = "worker-" + n;
                        iam.createUser(r -> r.userName(name));
                        iam.putUserPolicy(r -> r.userName(name).policyName("use").policyDocument(
                                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                                        + "[\"kms:Encrypt\",\"kms:Decrypt\"],\"Resource\":\"" + keyArn + "\"}]}"));
                        AccessKey key = iam.createAccessKey(r -> r.userName(name)).accessKey();
                        KmsClient own = SandboxClients.kms(sandbox, SandboxClients.creds(key.accessKeyId(),
                                key.secretAccessKey()));
                        int ok = 0;
                        for (int i = 0; i < 20; i++) {
                            String text = name + "-" + i;
                            SdkBytes blob = own.encrypt(r -> r.keyId(keyArn).plaintext(SdkBytes.fromUtf8String(text)))
                                    .ciphertextBlob();
                            if (own.decrypt(r -> r.ciphertextBlob(blob)).plaintext().asUtf8String().equals(text)) {
                                ok++;
                            }
                        }
                        try {
                            iam.createUser(r -> r.userName("Contested"));
                            created.incrementAndGet();
                        } catch (EntityAlreadyExistsException e) {
                            refused.incrementAndGet();
                        }
                        return ok;
                    });
                }
                int total = 0;
                for (Future<Integer> f : pool.invokeAll(work)) {
                    total += f.get();
                }
                assertEquals(threads * 20, total);
                assertEquals(1, created.get());
                assertEquals(threads - 1, refused.get());
                assertEquals(threads + 2, iam.listUsers().users().size(), "workers, Contested and the administrator");
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
