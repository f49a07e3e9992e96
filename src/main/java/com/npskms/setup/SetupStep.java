package com.npskms.setup;

import java.util.List;

/**
 * One documented step of the procedure: inputs from the {@link SetupState}, one job (its AWS calls),
 * outputs into the state. Never imports JavaFX; the GUI and the CLI drive the same steps.
 */
public interface SetupStep {
    StepId id();

    /** The calls and JSON documents this step would send with the current state (no AWS call made). */
    List<PlannedCall> plan(SetupState state);

    /** Looks for what already exists (policy by name, user, keys, alias) and decides reuse or conflict. */
    Existing inspect(SetupState state);

    /** Does the step's work; records what it created in the state. Throws {@link com.npskms.aws.ProblemException}. */
    void run(SetupState state, Progress progress);

    /**
     * Called when the journal shows a call of this step in flight when the run stopped (the state's pending
     * action): finds by name what that call made, if anything, and records it in the state as made by this run.
     */
    default void recover(SetupState state) {
    }

    /** Undoes only what this run created (as recorded in the state), leaving reused resources alone. */
    void rollback(SetupState state, Progress progress);
}
