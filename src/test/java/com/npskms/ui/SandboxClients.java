package com.npskms.ui;

import com.npskms.sandbox.Sandbox;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;

/** Plain SDK clients on the sandbox, for tests to check what the wizard made, the way an admin would. */
final class SandboxClients {
    private SandboxClients() {
    }

    static IamClient adminIam(Sandbox s) {
        return IamClient.builder().endpointOverride(s.endpoint()).region(Region.AWS_GLOBAL)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(s.adminAccessKeyId(), s.adminSecretAccessKey()))).build();
    }

    static KmsClient adminKms(Sandbox s) {
        return kms(s, s.adminAccessKeyId(), s.adminSecretAccessKey(), s.region());
    }

    static KmsClient kms(Sandbox s, String keyId, String secret, String region) {
        return KmsClient.builder().endpointOverride(s.endpoint()).region(Region.of(region))
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret)))
                .build();
    }

    /** Options for a test window: this sandbox, a temporary journal, no credentials on the machine. */
    static WizardOptions options(Sandbox s, java.nio.file.Path journalDir) {
        return WizardOptions.defaults().withSandbox(s).withJournalDir(journalDir).withCredentialsFound(false)
                .withRememberPlacement(false);
    }
}
