package com.npskms.aws;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * Where the AWS CLI's shared config and credentials files are: {@code AWS_CONFIG_FILE} /
 * {@code AWS_SHARED_CREDENTIALS_FILE}, else {@code ~/.aws/config} and {@code ~/.aws/credentials}.
 * Tests point it at temporary files.
 */
public record AwsConfigFiles(Path config, Path credentials) {

    /** The files the AWS CLI would read on this machine. */
    public static AwsConfigFiles fromEnvironment() {
        return fromEnvironment(System::getenv, System.getProperty("user.home"));
    }

    /** The files for the given environment lookup and home folder. */
    public static AwsConfigFiles fromEnvironment(Function<String, String> env, String home) {
        String h = env.apply("HOME");
        Path awsDir = Path.of(h != null && !h.isBlank() ? h : home, ".aws");
        return new AwsConfigFiles(pathOr(env.apply("AWS_CONFIG_FILE"), awsDir.resolve("config")),
                pathOr(env.apply("AWS_SHARED_CREDENTIALS_FILE"), awsDir.resolve("credentials")));
    }

    private static Path pathOr(String value, Path fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String v = value.strip();
        if (v.startsWith("~/") || v.startsWith("~\\")) {
            v = System.getProperty("user.home") + v.substring(1);
        }
        return Path.of(v);
    }

    /** Both files merged the way the SDK reads them; files that do not exist are skipped. */
    public ProfileFile profileFile() {
        ProfileFile.Aggregator all = ProfileFile.aggregator();
        if (config != null && Files.isRegularFile(config)) {
            all.addFile(ProfileFile.builder().content(config).type(ProfileFile.Type.CONFIGURATION).build());
        }
        if (credentials != null && Files.isRegularFile(credentials)) {
            all.addFile(ProfileFile.builder().content(credentials).type(ProfileFile.Type.CREDENTIALS).build());
        }
        return all.build();
    }
}
