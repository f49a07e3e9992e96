package com.npskms.ui;

import com.npskms.aws.AwsProfiles;
import java.util.List;

/** Whether this computer has any AWS credentials configured (if not, the wizard preselects Sandbox). */
final class CredentialsOnMachine {
    private static final List<String> VARIABLES = List.of("AWS_ACCESS_KEY_ID", "AWS_PROFILE",
            "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI");

    private CredentialsOnMachine() {
    }

    static boolean found() {
        for (String v : VARIABLES) {
            String value = System.getenv(v);
            if (value != null && !value.isBlank()) {
                return true;
            }
        }
        try {
            return !AwsProfiles.list().isEmpty();
        } catch (RuntimeException unreadable) {
            return false;
        }
    }
}
