package com.npskms.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.MalformedPolicyDocumentException;

/** Every AWS error code of AWS-NOTES.md reads as plain words with a next step, code and request id kept. */
class ProblemsTest {

    static AwsServiceException iam(String code, String message, int status) {
        return IamException.builder().statusCode(status).requestId("req-" + code)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
                .message(message).build();
    }

    static AwsServiceException kms(String code, String message, int status) {
        return KmsException.builder().statusCode(status).requestId("req-" + code)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
                .message(message).build();
    }

    @Test
    void accessDeniedNamesTheMissingActionAndTheCaller() {
        Problem p = Problems.from(iam("AccessDenied", "User: arn:aws:iam::123456789012:user/ops is not authorized "
                + "to perform: iam:CreateUser on resource: arn:aws:iam::123456789012:user/nps-kms because no "
                + "identity-based policy allows the iam:CreateUser action", 403), "Creating the IAM user nps-kms");
        assertEquals(Problem.Kind.PERMISSION, p.kind());
        assertTrue(p.what().startsWith("Creating the IAM user nps-kms failed"), p.what());
        assertTrue(p.next().contains("iam:CreateUser"), p.next());
        assertTrue(p.next().contains("arn:aws:iam::123456789012:user/ops"), p.next());
        assertEquals("AccessDenied", p.awsCode());
        assertEquals("req-AccessDenied", p.requestId());
        assertTrue(p.toText().contains("request id req-AccessDenied"));
    }

    @Test
    void kmsAccessDeniedToo() {
        Problem p = Problems.from(kms("AccessDeniedException", "User: arn:aws:sts::123456789012:assumed-role/Ops/me "
                + "is not authorized to perform: kms:CreateAlias on resource: arn:aws:kms:us-east-1:123456789012:"
                + "alias/nps because no identity-based policy allows the kms:CreateAlias action", 400), "Creating the alias");
        assertEquals(Problem.Kind.PERMISSION, p.kind());
        assertTrue(p.next().contains("kms:CreateAlias"));
        assertTrue(p.next().contains("assumed-role/Ops/me"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "EntityAlreadyExists|User with name nps-kms already exists.|409|CONFLICT|Reuse",
        "AlreadyExistsException|An alias with the name arn:aws:kms:us-east-1:1:alias/nps already exists|400|CONFLICT|another alias",
        "LimitExceeded|Cannot exceed quota for AccessKeysPerUser: 2|409|LIMIT|Deactivate and delete",
        "LimitExceeded|A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.|409|LIMIT|oldest version",
        "MalformedPolicyDocument|Syntax errors in policy.|400|INPUT|ARN",
        "MalformedPolicyDocumentException|Policy contains a statement with one or more invalid principals.|400|PROPAGATION|Waiting is normal",
        "MalformedPolicyDocumentException|The new key policy will not allow you to update the key policy in the future.|400|INPUT|root statement",
        "DeleteConflict|Cannot delete entity, must delete access keys first.|409|OTHER|access keys",
        "NoSuchEntity|The user with name nps cannot be found.|404|NOT_FOUND|wait a moment",
        "NotFoundException|Alias arn:aws:kms:us-east-1:1:alias/nps is not found.|400|PROPAGATION|waiting is normal",
        "KMSInvalidStateException|arn:aws:kms:us-east-1:1:key/abc is pending deletion.|400|INPUT|CancelKeyDeletion",
        "KMSInvalidStateException|Key is in state Creating|400|PROPAGATION|waiting is normal",
        "InvalidClientTokenId|The security token included in the request is invalid.|403|CREDENTIALS|deleted, deactivated",
        "UnrecognizedClientException|The security token included in the request is invalid.|400|CREDENTIALS|deleted, deactivated",
        "SignatureDoesNotMatch|The request signature we calculated does not match the signature you provided.|403|CREDENTIALS|secret access key again",
        "InvalidSignatureException|The request signature we calculated does not match|400|CREDENTIALS|secret access key again",
        "ExpiredToken|The security token included in the request is expired|403|CREDENTIALS|aws sso login",
        "ExpiredTokenException|The security token included in the request is expired|400|CREDENTIALS|Sign in again",
        "Throttling|Rate exceeded|400|NETWORK|Wait a minute",
        "ThrottlingException|Rate exceeded|400|NETWORK|Wait a minute",
        "ServiceUnavailable|Service unavailable|503|NETWORK|AWS's side",
        "KMSInternalException|internal|500|NETWORK|AWS's side",
        "PasswordPolicyViolation|Password should have at least one symbol|400|INPUT|password policy",
        "ValidationError|1 validation error detected|400|INPUT|Correct the value",
    })
    void eachCodeHasItsPlainWords(String code, String message, int status, Problem.Kind kind, String nextHas) {
        Problem p = Problems.from(code.endsWith("Exception") || code.startsWith("KMS") ? kms(code, message, status)
                : iam(code, message, status), "Doing the step");
        assertEquals(kind, p.kind(), p.toText());
        assertTrue(p.next().contains(nextHas), p.next());
        assertEquals(code, p.awsCode());
        assertEquals("req-" + code, p.requestId());
        assertTrue(p.why().contains(message), "AWS's own message is kept: " + p.why());
    }

    @Test
    void typedSdkExceptionsMapByTheirCode() {
        Problem p = Problems.from(EntityAlreadyExistsException.builder().statusCode(409)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("EntityAlreadyExists")
                        .errorMessage("Policy nps exists").build()).build(), "Creating the policy");
        assertEquals(Problem.Kind.CONFLICT, p.kind());
        Problem q = Problems.from(MalformedPolicyDocumentException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("MalformedPolicyDocumentException")
                        .errorMessage("Policy contains a statement with one or more invalid principals.").build())
                .build(), "Creating the KMS key");
        assertEquals(Problem.Kind.PROPAGATION, q.kind());
    }

    @Test
    void networkFailuresSayCheckTheNetworkThenResume() {
        Problem refused = Problems.from(SdkClientException.builder().message("Unable to execute HTTP request: "
                + "Connection refused").cause(new ConnectException("Connection refused")).build(), "Creating the user");
        assertEquals(Problem.Kind.NETWORK, refused.kind());
        assertTrue(refused.why().contains("refused"));
        assertTrue(refused.next().contains("resume"));
        Problem dns = Problems.from(SdkClientException.builder().message("Unable to execute HTTP request")
                .cause(new UncheckedIOException(new UnknownHostException("iam.amazonaws.com"))).build(), "x");
        assertEquals(Problem.Kind.NETWORK, dns.kind());
        assertTrue(dns.why().contains("iam.amazonaws.com"));
    }

    @Test
    void ssoTokenFailuresSayRunSsoLogin() {
        Problem p = Problems.from(SdkClientException.create("Unable to load SSO token"), "Checking who you are");
        assertEquals(Problem.Kind.CREDENTIALS, p.kind());
        assertTrue(p.next().contains("aws sso login"));
        Problem expired = Problems.from(SdkClientException.create("Token is expired"), "Checking who you are");
        assertTrue(expired.next().contains("aws sso login"));
    }

    @Test
    void noCredentialsAtAll() {
        Problem p = Problems.from(SdkClientException.create("Unable to load credentials from any of the providers "
                + "in the chain AwsCredentialsProviderChain(...)"), "Checking who you are");
        assertEquals(Problem.Kind.CREDENTIALS, p.kind());
        assertTrue(p.next().contains("--profile"));
    }

    @Test
    void secretsAreScrubbedFromEveryText() {
        String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        Problem p = Problems.from(iam("InvalidInput", "bad value " + secret + " here", 400), "Doing " + secret);
        assertFalse(p.toText().contains(secret), p.toText());
        Problem q = Problems.from(new IllegalStateException("oops " + secret), "Doing it");
        assertFalse(q.toText().contains(secret), q.toText());
        // ARNs and ids stay readable
        assertEquals("arn:aws:iam::123456789012:user/nps-kms AKIAIOSFODNN7EXAMPLE",
                Problems.scrub("arn:aws:iam::123456789012:user/nps-kms AKIAIOSFODNN7EXAMPLE"));
    }

    @Test
    void aProblemAlreadyMadeKeepsItsWordsUnderTheNewHeading() {
        ProblemException inner = new ProblemException(Problem.of(Problem.Kind.CREDENTIALS, "Signing in failed",
                "SSO expired", "Run `aws sso login --profile prod`"));
        Problem p = Problems.from(SdkClientException.builder().message("x").cause(inner).build(), "Creating the user");
        assertEquals(Problem.Kind.CREDENTIALS, p.kind());
        assertTrue(p.what().startsWith("Creating the user failed"));
        assertEquals("Run `aws sso login --profile prod`", p.next());
        assertSame(inner.problem(), Problems.from(inner, null));
    }
}
