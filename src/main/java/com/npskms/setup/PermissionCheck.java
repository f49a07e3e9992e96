package com.npskms.setup;

import java.util.List;

/**
 * A pre-flight hook: given the IAM/KMS actions the chosen options need, it stops the run (by throwing a
 * {@link com.npskms.aws.ProblemException}) before anything is created when some are missing.
 */
@FunctionalInterface
public interface PermissionCheck {
    /** A check that lets everything through. */
    PermissionCheck NONE = actions -> { };

    void requireAll(List<String> actions);
}
