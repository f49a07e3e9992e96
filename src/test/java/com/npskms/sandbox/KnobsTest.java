package com.npskms.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.sts.StsClient;

/** Fault injection retried by the SDK's standard retry strategy, and the propagation delay. */
class KnobsTest {
    static Sandbox sandbox;
    static final AtomicInteger attempts = new AtomicInteger();
    static StsClient sts;
    static KmsClient kms;
    static IamClient iam;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start();
        ExecutionInterceptor counter = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                attempts.incrementAndGet();
            }
        };
        // The standard strategy: 3 attempts, throttling and 5xx and I/O errors retried with backoff.
        sts = StsClient.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(sandbox.adminCredentialsProvider()).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy())
                        .addExecutionInterceptor(counter)).build();
        kms = KmsClient.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(sandbox.adminCredentialsProvider()).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy())
                        .addExecutionInterceptor(counter)).build();
        iam = SandboxClients.iam(sandbox);
    }

    @AfterEach
    void clear() {
        sandbox.knobs().clearFaults();
        sandbox.knobs().propagationDelay(Duration.ZERO);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static int attemptsFor(Runnable call) {
        attempts.set(0);
        call.run();
        return attempts.get();
    }

    @ParameterizedTest
    @EnumSource(SandboxKnobs.Fault.class)
    void eachFaultIsRetriedByTheStandardStrategy(SandboxKnobs.Fault fault) {
        sandbox.knobs().failNext("GetCallerIdentity", fault, 2);
        assertEquals(3, attemptsFor(() -> sts.getCallerIdentity()));
        sandbox.knobs().failNext("Encrypt", fault, 1);
        assertEquals(1, attemptsFor(() -> kms.listKeys()), "other actions are not affected");
    }

    @Test
    void throttlingAnswersWithTheCodesAwsUses() {
        StsClient stsOnce = StsClient.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(sandbox.adminCredentialsProvider()).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        KmsClient kmsOnce = KmsClient.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(sandbox.adminCredentialsProvider()).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        sandbox.knobs().failNext("*", SandboxKnobs.Fault.THROTTLING, 2);
        AwsServiceException iamStyle = assertThrows(AwsServiceException.class, stsOnce::getCallerIdentity);
        assertEquals("Throttling", iamStyle.awsErrorDetails().errorCode());
        assertTrue(iamStyle.isThrottlingException());
        AwsServiceException kmsStyle = assertThrows(AwsServiceException.class, kmsOnce::listKeys);
        assertEquals("ThrottlingException", kmsStyle.awsErrorDetails().errorCode());
        assertTrue(kmsStyle.isThrottlingException());
        stsOnce.getCallerIdentity();
    }

    @Test
    void moreFaultsThanAttemptsReachTheCaller() {
        sandbox.knobs().failNext("GetCallerIdentity", SandboxKnobs.Fault.HTTP_503, 5);
        attempts.set(0);
        AwsServiceException e = assertThrows(AwsServiceException.class, () -> sts.getCallerIdentity());
        assertEquals(503, e.statusCode());
        assertEquals(3, attempts.get());
        sandbox.knobs().clearFaults();
        sts.getCallerIdentity();

        sandbox.knobs().failNext("GetCallerIdentity", SandboxKnobs.Fault.DROP_CONNECTION, 5);
        assertThrows(SdkClientException.class, () -> sts.getCallerIdentity());
    }

    @Test
    void aFailRateOfOneFailsEveryCallAndZeroNone() {
        sandbox.knobs().failRate(1.0, SandboxKnobs.Fault.HTTP_500);
        AwsServiceException e = assertThrows(AwsServiceException.class, () -> kms.listKeys());
        assertEquals(500, e.statusCode());
        assertEquals("KMSInternalException", e.awsErrorDetails().errorCode());
        sandbox.knobs().failRate(0, null);
        kms.listKeys();
    }

    @Test
    void newAccessKeysAndUsersBecomeUsableOnlyAfterThePropagationDelay() {
        sandbox.knobs().propagationDelay(Duration.ofMillis(1000));
        iam.createUser(r -> r.userName("fresh"));
        AccessKey key = iam.createAccessKey(r -> r.userName("fresh")).accessKey();
        String policy = SandboxClients.consoleKeyPolicy(sandbox.accountId(),
                "arn:aws:iam::" + sandbox.accountId() + ":user/" + sandbox.adminUserName(),
                "arn:aws:iam::" + sandbox.accountId() + ":user/fresh");
        MalformedPolicyDocumentException invisible = assertThrows(MalformedPolicyDocumentException.class,
                () -> kms.createKey(r -> r.policy(policy)));
        assertTrue(invisible.awsErrorDetails().errorMessage().contains("invalid principals"));
        AwsCredentialsProvider creds = SandboxClients.creds(key.accessKeyId(), key.secretAccessKey());
        StsClient freshSts = SandboxClients.sts(sandbox, creds);
        AwsServiceException early = assertThrows(AwsServiceException.class, freshSts::getCallerIdentity);
        assertEquals("InvalidClientTokenId", early.awsErrorDetails().errorCode());

        // As the wizard does: retry until it works (bounded; the delay is one second).
        String arn = eventually(() -> freshSts.getCallerIdentity().arn());
        assertTrue(arn.endsWith(":user/fresh"));
        String keyArn = eventually(() -> kms.createKey(r -> r.policy(policy)).keyMetadata().arn());
        SdkBytes blob = kms.encrypt(r -> r.keyId(keyArn).plaintext(SdkBytes.fromUtf8String("x"))).ciphertextBlob();
        assertEquals("x", SandboxClients.kms(sandbox, creds).decrypt(r -> r.ciphertextBlob(blob)).plaintext().asUtf8String());
    }

    private static <T> T eventually(Supplier<T> call) {
        RuntimeException last = null;
        for (int i = 0; i < 200; i++) {
            try {
                return call.get();
            } catch (AwsServiceException e) {
                last = e;
                try {
                    Thread.sleep(25);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
        throw last;
    }
}
