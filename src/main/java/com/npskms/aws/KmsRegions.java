package com.npskms.aws;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The AWS regions a KMS key can live in (commercial partition), for the region picker and validation. */
public final class KmsRegions {

    /** One region: its code ("eu-west-1") and the name the console shows ("Europe (Ireland)"). */
    public record KmsRegion(String code, String name) {
        /** "eu-west-1 — Europe (Ireland)". */
        public String label() {
            return code + " — " + name;
        }
    }

    /** The region picked when nothing else says otherwise (where the IAM console lives too). */
    public static final String DEFAULT = "us-east-1";

    private static final Pattern CODE = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");

    private static final List<KmsRegion> ALL = List.of(
            new KmsRegion("us-east-1", "US East (N. Virginia)"),
            new KmsRegion("us-east-2", "US East (Ohio)"),
            new KmsRegion("us-west-1", "US West (N. California)"),
            new KmsRegion("us-west-2", "US West (Oregon)"),
            new KmsRegion("af-south-1", "Africa (Cape Town)"),
            new KmsRegion("ap-east-1", "Asia Pacific (Hong Kong)"),
            new KmsRegion("ap-east-2", "Asia Pacific (Taipei)"),
            new KmsRegion("ap-south-1", "Asia Pacific (Mumbai)"),
            new KmsRegion("ap-south-2", "Asia Pacific (Hyderabad)"),
            new KmsRegion("ap-southeast-1", "Asia Pacific (Singapore)"),
            new KmsRegion("ap-southeast-2", "Asia Pacific (Sydney)"),
            new KmsRegion("ap-southeast-3", "Asia Pacific (Jakarta)"),
            new KmsRegion("ap-southeast-4", "Asia Pacific (Melbourne)"),
            new KmsRegion("ap-southeast-5", "Asia Pacific (Malaysia)"),
            new KmsRegion("ap-southeast-7", "Asia Pacific (Thailand)"),
            new KmsRegion("ap-northeast-1", "Asia Pacific (Tokyo)"),
            new KmsRegion("ap-northeast-2", "Asia Pacific (Seoul)"),
            new KmsRegion("ap-northeast-3", "Asia Pacific (Osaka)"),
            new KmsRegion("ca-central-1", "Canada (Central)"),
            new KmsRegion("ca-west-1", "Canada West (Calgary)"),
            new KmsRegion("eu-central-1", "Europe (Frankfurt)"),
            new KmsRegion("eu-central-2", "Europe (Zurich)"),
            new KmsRegion("eu-west-1", "Europe (Ireland)"),
            new KmsRegion("eu-west-2", "Europe (London)"),
            new KmsRegion("eu-west-3", "Europe (Paris)"),
            new KmsRegion("eu-south-1", "Europe (Milan)"),
            new KmsRegion("eu-south-2", "Europe (Spain)"),
            new KmsRegion("eu-north-1", "Europe (Stockholm)"),
            new KmsRegion("il-central-1", "Israel (Tel Aviv)"),
            new KmsRegion("me-south-1", "Middle East (Bahrain)"),
            new KmsRegion("me-central-1", "Middle East (UAE)"),
            new KmsRegion("mx-central-1", "Mexico (Central)"),
            new KmsRegion("sa-east-1", "South America (São Paulo)"));

    private KmsRegions() {
    }

    /** Every region of the picker, in the console's order. */
    public static List<KmsRegion> all() {
        return ALL;
    }

    /** The picker entry for a code, if it is one we list. */
    public static Optional<KmsRegion> find(String code) {
        return ALL.stream().filter(r -> r.code().equals(code)).findFirst();
    }

    /**
     * True when the text looks like a region code. Regions not in our list (new ones, GovCloud, China)
     * are accepted: AWS is the judge of whether KMS is there.
     */
    public static boolean looksLikeRegion(String code) {
        return code != null && CODE.matcher(code).matches();
    }
}
