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

    /** The SDK's default chain (environment, {@code AWS_PROFILE}, default profile, container, instance). */
    public static ConnectionSettings defaultChain(String region) {
        return new ConnectionSettings(Mode.DEFAULT_CHAIN, null, null, null, null, region, null);
    }

    /** A named profile of {@code ~/.aws/config} / {@code ~/.aws/credentials}; region null = the profile's. */
    public static ConnectionSettings profile(String name, String region) {
        return new ConnectionSettings(Mode.PROFILE, name, null, null, null, region, null);
    }

    /** Typed keys; {@code sessionToken} may be null for long-term keys. */
    public static ConnectionSettings keys(String accessKeyId, SecretText secret, SecretText sessionToken,
                                          String region) {
        return new ConnectionSettings(Mode.KEYS, null, accessKeyId, secret, sessionToken, region, null);
    }

    /** A running sandbox at {@code endpoint} with its administrator's keys. */
    public static ConnectionSettings sandbox(URI endpoint, String accessKeyId, SecretText secret, String region) {
        return new ConnectionSettings(Mode.SANDBOX, null, accessKeyId, secret, null, region, endpoint);
    }

    /** The same settings with another endpoint (null = AWS itself). */
    public ConnectionSettings withEndpoint(URI uri) {
        return new ConnectionSettings(mode, profile, accessKeyId, secretAccessKey, sessionToken, region, uri);
    }

    /** The same settings with another region (null = from the profile or environment). */
    public ConnectionSettings withRegion(String r) {
        return new ConnectionSettings(mode, profile, accessKeyId, secretAccessKey, sessionToken, r, endpoint);
    }

    @Override
    public String toString() {
        return "ConnectionSettings[mode=" + mode + ", profile=" + profile + ", accessKeyId=" + accessKeyId
                + ", region=" + region + ", endpoint=" + endpoint + "]";
    }
}
