package com.npskms.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.kms.KmsClient;

/** Signatures are checked: unknown keys, wrong secrets, inactive and deleted keys are refused at once. */
class SignatureTest {
    static Sandbox sandbox;
    static IamClient admin;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start();
        admin = SandboxClients.iam(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static String code(Runnable call) {
        AwsServiceException e = assertThrows(AwsServiceException.class, call::run);
        return e.awsErrorDetails().errorCode() + "/" + e.statusCode();
    }

    private static String everyService(AwsCredentialsProvider creds) {
        return code(() -> SandboxClients.iam(sandbox, creds).listUsers()) + " "
                + code(() -> SandboxClients.sts(sandbox, creds).getCallerIdentity()) + " "
                + code(() -> SandboxClients.kms(sandbox, creds).listKeys());
    }

    @Test
    void unknownKeyIsAnInvalidToken() {
        assertEquals("InvalidClientTokenId/403 InvalidClientTokenId/403 UnrecognizedClientException/400",
                everyService(SandboxClients.creds("AKIAUNKNOWNUNKNOWN00", "x".repeat(40))));
    }

    @Test
    void wrongSecretIsASignatureMismatch() {
        assertEquals("SignatureDoesNotMatch/403 SignatureDoesNotMatch/403 InvalidSignatureException/400",
                everyService(SandboxClients.creds(sandbox.adminAccessKeyId(), sandbox.adminSecretAccessKey() + "x")));
    }

    @Test
    void inactiveKeyStopsAtOnceAndWorksAgainWhenActive() {
        admin.createUser(r -> r.userName("switch"));
        AccessKey key = admin.createAccessKey(r -> r.userName("switch")).accessKey();
        AwsCredentialsProvider creds = SandboxClients.creds(key.accessKeyId(), key.secretAccessKey());
        assertEquals("arn:aws:iam::" + sandbox.accountId() + ":user/switch",
                SandboxClients.sts(sandbox, creds).getCallerIdentity().arn());
        admin.updateAccessKey(r -> r.userName("switch").accessKeyId(key.accessKeyId()).status(StatusType.INACTIVE));
        assertEquals("InvalidClientTokenId/403 InvalidClientTokenId/403 UnrecognizedClientException/400",
                everyService(creds));
        admin.updateAccessKey(r -> r.userName("switch").accessKeyId(key.accessKeyId()).status(StatusType.ACTIVE));
        SandboxClients.sts(sandbox, creds).getCallerIdentity();
        admin.deleteAccessKey(r -> r.userName("switch").accessKeyId(key.accessKeyId()));
        assertEquals("InvalidClientTokenId/403 InvalidClientTokenId/403 UnrecognizedClientException/400",
                everyService(creds));
    }

    @Test
    void iamSignedForUsEast1AsTheAwsCliDoesIsAccepted() {
        try (IamClient cliStyle = IamClient.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(sandbox.adminCredentialsProvider()).httpClient(UrlConnectionHttpClient.create())
                .build()) {
            assertFalse(cliStyle.listUsers().users().isEmpty());
        }
    }

    @Test
    void kmsSignedForAnotherRegionIsRefusedWithThatReason() {
        try (KmsClient elsewhere = KmsClient.builder().endpointOverride(sandbox.endpoint()).region(Region.EU_WEST_1)
                .credentialsProvider(sandbox.adminCredentialsProvider()).httpClient(UrlConnectionHttpClient.create())
                .build()) {
            AwsServiceException e = assertThrows(AwsServiceException.class,
                    () -> elsewhere.encrypt(r -> r.keyId("alias/x").plaintext(SdkBytes.fromUtf8String("x"))));
            assertEquals("InvalidSignatureException", e.awsErrorDetails().errorCode());
            assertTrue(e.awsErrorDetails().errorMessage().contains("eu-west-1"));
        }
    }

    /** AWS's published SigV4 test vector "get-vanilla": a client that does not sign x-amz-content-sha256. */
    @Test
    void awsSigV4TestSuiteVectorVerifies() {
        SignatureCheck.Authorization auth = SignatureCheck.Authorization.parse("AWS4-HMAC-SHA256 "
                + "Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, "
                + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
        Map<String, List<String>> headers = Map.of("host", List.of("example.amazonaws.com"),
                "x-amz-date", List.of("20150830T123600Z"));
        URI uri = URI.create("https://example.amazonaws.com/");
        assertTrue(SignatureCheck.matches(auth, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "GET", uri, headers, new byte[0]));
        assertFalse(SignatureCheck.matches(auth, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEX", "GET", uri, headers, new byte[0]));
    }
}
