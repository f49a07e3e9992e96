package com.npskms.ui;

import java.util.List;

/**
 * What the pre-flight found, as the Connect page shows it: whether the check could run, the actions the
 * operator lacks (by name), a one-line summary, and a policy JSON granting them to hand to an administrator.
 */
public record PreflightReport(boolean checked, List<String> missing, String summary, String policyJson) {
    /** True when the simulation ran and nothing is missing. */
    public boolean allAllowed() {
        return checked && missing.isEmpty();
    }
}
