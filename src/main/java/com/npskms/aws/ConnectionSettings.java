package com.npskms.aws;

import com.npskms.setup.SecretText;
import java.net.URI;

/**
 * How to reach AWS: the SDK's default chain, a named profile (SSO included), typed keys, or the Sandbox;
 * a region; an optional endpoint override (sandbox, private endpoints). The secret never leaves memory.
 */
public record ConnectionSettings(Mode mode, String profile, String accessKeyId, SecretText secretAccessKey,
                                 SecretText sessionToken, String region, URI endpoint) {

    /** Where credentials come from. */
    public enum Mode { DEFAULT_CHAIN, PROFILE, KEYS, SANDBOX }

    @Override
    public String toString() {
        return "ConnectionSettings[mode=" + mode + ", profile=" + profile + ", accessKeyId=" + accessKeyId
                + ", region=" + region + ", endpoint=" + endpoint + "]";
    }
}
