package com.npskms.sandbox;

/** An error answer as AWS sends it: the code the SDK maps to a typed exception, a message and the HTTP status. */
final class AwsError extends RuntimeException {
    final String code;
    final int status;
    final boolean sender;

    AwsError(int status, String code, String message) {
        this(status, code, message, status < 500);
    }

    AwsError(int status, String code, String message, boolean sender) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
        this.sender = sender;
    }

    // IAM / STS (Query protocol)
    static AwsError noSuchEntity(String message) {
        return new AwsError(404, "NoSuchEntity", message);
    }

    static AwsError entityAlreadyExists(String message) {
        return new AwsError(409, "EntityAlreadyExists", message);
    }

    static AwsError limitExceeded(String message) {
        return new AwsError(409, "LimitExceeded", message);
    }

    static AwsError deleteConflict(String message) {
        return new AwsError(409, "DeleteConflict", message);
    }

    static AwsError malformedPolicy(String message) {
        return new AwsError(400, "MalformedPolicyDocument", message);
    }

    static AwsError validation(String message) {
        return new AwsError(400, "ValidationError", message);
    }

    static AwsError invalidInput(String message) {
        return new AwsError(400, "InvalidInput", message);
    }

    // KMS (JSON 1.1)
    static AwsError kmsNotFound(String message) {
        return new AwsError(400, "NotFoundException", message);
    }

    static AwsError kmsValidation(String message) {
        return new AwsError(400, "ValidationException", message);
    }

    static AwsError kmsInvalidState(String message) {
        return new AwsError(400, "KMSInvalidStateException", message);
    }

    static AwsError kmsMalformedPolicy(String message) {
        return new AwsError(400, "MalformedPolicyDocumentException", message);
    }
}
