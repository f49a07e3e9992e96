package com.npskms.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** The bytes on the wire: namespaces, result wrappers, error envelopes, as AWS sends them. */
class WireProtocolTest {
    static Sandbox sandbox;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    /** Sends a request signed by the SDK's signer for {@code service} in {@code region}. */
    static HttpResponse<String> send(String service, String region, Map<String, String> headers, String body)
            throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        SdkHttpFullRequest.Builder req = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(sandbox.endpoint());
        headers.forEach(req::putHeader);
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(sandbox.adminAccessKeyId(), sandbox.adminSecretAccessKey()))
                .request(req.build()).payload(ContentStreamProvider.fromByteArray(bytes))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)).request();
        HttpRequest.Builder out = HttpRequest.newBuilder(sandbox.endpoint()).POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        signed.forEachHeader((k, v) -> {
            if (!k.equalsIgnoreCase("host")) {
                out.header(k, v.get(0));
            }
        });
        return http.send(out.build(), HttpResponse.BodyHandlers.ofString());
    }

    static final Map<String, String> FORM = Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");

    @Test
    void iamAnswersInItsNamespaceWithTheResultWrapper() throws Exception {
        HttpResponse<String> r = send("iam", "us-east-1", FORM, "Action=CreateUser&Version=2010-05-08&UserName=wire");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("<CreateUserResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"
                + "<CreateUserResult><User>"), r.body());
        assertTrue(r.body().contains("<ResponseMetadata><RequestId>"), r.body());
        HttpResponse<String> dup = send("iam", "aws-global", FORM, "Action=CreateUser&Version=2010-05-08&UserName=WIRE");
        assertEquals(409, dup.statusCode());
        assertTrue(dup.body().matches("(?s).*<ErrorResponse><Error><Type>Sender</Type><Code>EntityAlreadyExists</Code>"
                + "<Message>[^<]+</Message></Error><RequestId>[^<]+</RequestId></ErrorResponse>"), dup.body());
    }

    @Test
    void stsIsToldApartByTheCredentialScope() throws Exception {
        HttpResponse<String> r = send("sts", "eu-central-1", FORM, "Action=GetCallerIdentity&Version=2011-06-15");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                + "<GetCallerIdentityResult>"), r.body());
    }

    @Test
    void kmsErrorsCarryTheirTypeInJson() throws Exception {
        Map<String, String> h = Map.of("Content-Type", "application/x-amz-json-1.1", "X-Amz-Target", "TrentService.DescribeKey");
        HttpResponse<String> r = send("kms", "us-east-1", h, "{\"KeyId\":\"alias/missing\"}");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().startsWith("{\"__type\":\"NotFoundException\",\"message\":"), r.body());
        HttpResponse<String> bad = send("kms", "us-east-1", h, "{not json");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("SerializationException"), bad.body());
    }

    @Test
    void unsignedRequestsAreRefused() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(sandbox.endpoint()).header("Content-Type",
                FORM.get("Content-Type")).POST(HttpRequest.BodyPublishers.ofString("Action=ListUsers&Version=2010-05-08"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, r.statusCode());
        assertTrue(r.body().contains("<Code>MissingAuthenticationToken</Code>"), r.body());
        HttpResponse<String> k = http.send(HttpRequest.newBuilder(sandbox.endpoint())
                .header("X-Amz-Target", "TrentService.ListKeys").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, k.statusCode());
        assertTrue(k.body().contains("MissingAuthenticationTokenException"), k.body());
    }
}
