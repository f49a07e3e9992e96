package com.npskms.aws;

/** Turns any failure (SDK service error, network, credentials, SSO token) into a plain-words {@link Problem}. */
public final class Problems {
    private Problems() {
    }

    /**
     * The problem for a failure while doing {@code what} (e.g. "Creating the IAM user nps-kms-user"):
     * AWS code and request id kept for the details, the next step chosen by the error code (AWS-NOTES.md).
     * Never copies a secret into the text.
     */
    public static Problem from(Throwable failure, String what) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** The same, as an exception to throw. */
    public static ProblemException wrap(Throwable failure, String what) {
        return new ProblemException(from(failure, what));
    }
}
