package com.npskms.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;

/** The named profiles in the shared config and credentials files, for the profile picker and the CLI. */
public final class AwsProfiles {

    /** One profile: its name, region (may be null), and whether it signs in through IAM Identity Center (SSO). */
    public record AwsProfile(String name, String region, boolean sso, String ssoStartUrl, String ssoSession) {
        /** A short line for a picker: "prod (eu-west-1, SSO)". */
        public String label() {
            StringBuilder sb = new StringBuilder(name);
            List<String> bits = new ArrayList<>();
            if (region != null) {
                bits.add(region);
            }
            if (sso) {
                bits.add("SSO");
            }
            if (!bits.isEmpty()) {
                sb.append(" (").append(String.join(", ", bits)).append(')');
            }
            return sb.toString();
        }
    }

    private AwsProfiles() {
    }

    /** The profiles of this machine's AWS files, sorted by name with "default" first. */
    public static List<AwsProfile> list() {
        return list(AwsConfigFiles.fromEnvironment());
    }

    /** The profiles of the given files, sorted by name with "default" first; empty when there are none. */
    public static List<AwsProfile> list(AwsConfigFiles files) {
        ProfileFile pf;
        try {
            pf = files.profileFile();
        } catch (RuntimeException e) {
            throw Problems.wrap(e, "Reading the AWS config files");
        }
        List<AwsProfile> out = new ArrayList<>();
        for (Map.Entry<String, Profile> e : pf.profiles().entrySet()) {
            out.add(describe(pf, e.getValue()));
        }
        out.sort((a, b) -> {
            if (a.name().equals(b.name())) {
                return 0;
            }
            if (a.name().equals("default")) {
                return -1;
            }
            if (b.name().equals("default")) {
                return 1;
            }
            return a.name().compareToIgnoreCase(b.name());
        });
        return out;
    }

    /** The named profile of the given files, if it exists. */
    public static Optional<AwsProfile> find(AwsConfigFiles files, String name) {
        ProfileFile pf = files.profileFile();
        return pf.profile(name).map(p -> describe(pf, p));
    }

    static AwsProfile describe(ProfileFile pf, Profile p) {
        String region = p.property("region").filter(s -> !s.isBlank()).orElse(null);
        String session = p.property("sso_session").filter(s -> !s.isBlank()).orElse(null);
        String startUrl = p.property("sso_start_url").orElse(null);
        if (session != null) {
            Optional<Profile> section = pf.getSection("sso-session", session);
            if (startUrl == null) {
                startUrl = section.flatMap(s -> s.property("sso_start_url")).orElse(null);
            }
        }
        boolean sso = session != null || startUrl != null || p.property("sso_account_id").isPresent();
        return new AwsProfile(p.name(), region, sso, startUrl, session);
    }
}
