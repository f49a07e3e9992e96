package com.npskms.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * An open connection to AWS (or the Sandbox): IAM on the global endpoint, KMS and STS in the chosen region,
 * the SDK's standard retry strategy, clients built lazily on first use.
 */
public final class AwsSession implements AutoCloseable {

    /** Opens a session; builds no client yet. Throws {@link ProblemException} for unusable settings. */
    public static AwsSession open(ConnectionSettings settings) {
        throw new UnsupportedOperationException("not built yet");
    }

    public ConnectionSettings settings() {
        throw new UnsupportedOperationException();
    }

    /** The region KMS lives in for this run (one of the four values NPS asks for). */
    public String region() {
        throw new UnsupportedOperationException();
    }

    public IamClient iam() {
        throw new UnsupportedOperationException();
    }

    public KmsClient kms() {
        throw new UnsupportedOperationException();
    }

    public StsClient sts() {
        throw new UnsupportedOperationException();
    }

    /** A KMS client for the same region and endpoint acting with other credentials (verify as the NPS user). */
    public KmsClient kmsAs(AwsCredentialsProvider credentials) {
        throw new UnsupportedOperationException();
    }

    /** An IAM client for the same endpoint acting with other credentials. */
    public IamClient iamAs(AwsCredentialsProvider credentials) {
        throw new UnsupportedOperationException();
    }

    /** {@code sts:GetCallerIdentity}: account id and caller ARN. */
    public CallerIdentity whoAmI() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
    }
}
