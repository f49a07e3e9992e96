package com.npskms.sandbox;

import java.net.URI;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.internal.signer.CredentialScope;
import software.amazon.awssdk.http.auth.aws.internal.signer.DefaultV4RequestSigner;
import software.amazon.awssdk.http.auth.aws.internal.signer.V4Properties;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.utils.BinaryUtils;

/**
 * SigV4 checking by signing the request again with the SDK's own signer: same signed headers, same body,
 * same clock, the region and service of the credential scope; the two Authorization values must match.
 */
final class SignatureCheck {
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();
    private static final Duration MAX_SKEW = Duration.ofMinutes(15);

    /** The parts of an {@code Authorization: AWS4-HMAC-SHA256 ...} header. */
    record Authorization(String accessKeyId, String date, String region, String service, List<String> signedHeaders,
                         String signature) {

        /** Null when the header is missing or not SigV4. */
        static Authorization parse(String header) {
            if (header == null || !header.startsWith("AWS4-HMAC-SHA256 ")) {
                return null;
            }
            String credential = null;
            String signed = null;
            String signature = null;
            for (String part : header.substring("AWS4-HMAC-SHA256 ".length()).split(",")) {
                String p = part.trim();
                if (p.startsWith("Credential=")) {
                    credential = p.substring("Credential=".length());
                } else if (p.startsWith("SignedHeaders=")) {
                    signed = p.substring("SignedHeaders=".length());
                } else if (p.startsWith("Signature=")) {
                    signature = p.substring("Signature=".length());
                }
            }
            if (credential == null || signed == null || signature == null) {
                return null;
            }
            String[] scope = credential.split("/");
            if (scope.length != 5 || !"aws4_request".equals(scope[4])) {
                return null;
            }
            return new Authorization(scope[0], scope[1], scope[2], scope[3], List.of(signed.split(";")), signature);
        }
    }

    private SignatureCheck() {
    }

    /**
     * True when the request's signature is the one {@code secret} gives. {@code headers} are the received
     * headers with lower-case names.
     */
    static boolean matches(Authorization auth, String secret, String method, URI uri, Map<String, List<String>> headers,
                           byte[] body) {
        String amzDate = first(headers, "x-amz-date");
        if (amzDate == null) {
            return false;
        }
        Instant when;
        try {
            when = Instant.from(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssX").withZone(ZoneOffset.UTC).parse(amzDate));
        } catch (RuntimeException e) {
            return false;
        }
        SdkHttpFullRequest.Builder req = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.fromValue(method))
                .uri(uri);
        for (String name : auth.signedHeaders()) {
            List<String> values = headers.get(name);
            if (values != null) {
                req.putHeader(name, String.join(",", values));
            }
        }
        String expectedSignature;
        if (auth.signedHeaders().contains("x-amz-content-sha256")) {
            // The SDK's own clients sign the payload hash header: the public signer reproduces them exactly.
            SignedRequest signed = SIGNER.sign(r -> r
                    .identity(AwsCredentialsIdentity.create(auth.accessKeyId(), secret))
                    .request(req.build())
                    .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, auth.service())
                    .putProperty(AwsV4HttpSigner.REGION_NAME, auth.region())
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(when, ZoneOffset.UTC)));
            String expected = signed.request().firstMatchingHeader("Authorization").orElse("");
            int at = expected.indexOf("Signature=");
            expectedSignature = at < 0 ? "" : expected.substring(at + "Signature=".length());
        } else {
            // Other clients (the AWS CLI, boto3) leave that header out; the public signer always adds it, so the
            // SDK's request signer underneath it signs exactly the headers the client signed.
            V4Properties properties = V4Properties.builder()
                    .credentials(AwsCredentialsIdentity.create(auth.accessKeyId(), secret))
                    .credentialScope(new CredentialScope(auth.region(), auth.service(), when))
                    .signingClock(Clock.fixed(when, ZoneOffset.UTC))
                    .doubleUrlEncode(true).normalizePath(true).build();
            expectedSignature = new DefaultV4RequestSigner(properties, BinaryUtils.toHex(sha256(body)))
                    .sign(req).getSignature();
        }
        return MessageDigest.isEqual(expectedSignature.getBytes(StandardCharsets.US_ASCII),
                auth.signature().getBytes(StandardCharsets.US_ASCII));
    }

    /** True when the request's X-Amz-Date is within 15 minutes of now, as AWS requires. */
    static boolean fresh(Map<String, List<String>> headers, Instant now) {
        String amzDate = first(headers, "x-amz-date");
        if (amzDate == null) {
            return false;
        }
        try {
            Instant when = Instant.from(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssX").withZone(ZoneOffset.UTC)
                    .parse(amzDate));
            return Duration.between(when, now).abs().compareTo(MAX_SKEW) <= 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
