package com.npskms.setup;

import java.time.Instant;

/**
 * One access key of the NPS user as the rotation view lists it: id, status, created, and last use (date,
 * service, region); {@code lastUsedDate} is null for a key never used.
 */
public record AccessKeyInfo(String accessKeyId, String status, Instant created, Instant lastUsedDate,
                            String lastUsedService, String lastUsedRegion, String description) {

    public boolean active() {
        return "Active".equals(status);
    }

    public boolean neverUsed() {
        return lastUsedDate == null;
    }

    /** "never used" or "used 2026-11-28T10:00:00Z (kms, us-east-1)". */
    public String lastUseText() {
        if (lastUsedDate == null) {
            return "never used";
        }
        return "used " + lastUsedDate + " (" + orNa(lastUsedService) + ", " + orNa(lastUsedRegion) + ")";
    }

    private static String orNa(String v) {
        return v == null || v.isBlank() ? "N/A" : v;
    }
}
