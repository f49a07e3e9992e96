package com.npskms.sandbox;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sts.StsClient;

/** Real SDK v2 clients pointed at a sandbox, as the product builds them. */
final class SandboxClients {
    private SandboxClients() {
    }

    static AwsCredentialsProvider creds(String id, String secret) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(id, secret));
    }

    static IamClient iam(Sandbox s, AwsCredentialsProvider c) {
        return IamClient.builder().endpointOverride(s.endpoint()).region(Region.AWS_GLOBAL).credentialsProvider(c)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    static KmsClient kms(Sandbox s, AwsCredentialsProvider c) {
        return KmsClient.builder().endpointOverride(s.endpoint()).region(Region.of(s.region())).credentialsProvider(c)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    static StsClient sts(Sandbox s, AwsCredentialsProvider c) {
        return StsClient.builder().endpointOverride(s.endpoint()).region(Region.of(s.region())).credentialsProvider(c)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    static IamClient iam(Sandbox s) {
        return iam(s, s.adminCredentialsProvider());
    }

    static KmsClient kms(Sandbox s) {
        return kms(s, s.adminCredentialsProvider());
    }

    static StsClient sts(Sandbox s) {
        return sts(s, s.adminCredentialsProvider());
    }

    /** The console's key policy with the given administrators and users. */
    static String consoleKeyPolicy(String account, String admin, String user) {
        return com.npskms.ConsoleKeyPolicy.of(account, admin, user);
    }
}
