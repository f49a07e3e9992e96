package com.npskms.setup;

import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Reading the AWS error code of a failure, for the decisions a step takes on specific codes. */
final class AwsErrors {
    private AwsErrors() {
    }

    /** The AWS error code ("NoSuchEntity"), or null when the failure did not come from an AWS answer. */
    static String code(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof AwsServiceException ase && ase.awsErrorDetails() != null) {
                return ase.awsErrorDetails().errorCode();
            }
            if (c instanceof com.npskms.aws.ProblemException pe && pe.problem().awsCode() != null) {
                return pe.problem().awsCode();
            }
        }
        return null;
    }

    /** The AWS error message, or the failure's own message. */
    static String message(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof AwsServiceException ase && ase.awsErrorDetails() != null) {
                return ase.awsErrorDetails().errorMessage();
            }
        }
        return t.getMessage();
    }

    static boolean is(Throwable t, String... codes) {
        String code = code(t);
        return code != null && Set.of(codes).contains(code);
    }

    static boolean notFound(Throwable t) {
        return is(t, "NoSuchEntity", "NotFoundException");
    }
}
