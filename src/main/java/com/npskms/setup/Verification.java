package com.npskms.setup;

/**
 * What Verify found: whether the NPS user's own credentials completed an encrypt → decrypt round trip, and
 * what the policy simulation said (proof only for the round trip; the simulation is advice).
 */
public record Verification(boolean roundTrip, Simulation simulation, String detail) {

    /** The answer of the policy simulation. */
    public enum Simulation {
        /** kms:Decrypt allowed on this key and denied on another key of the account. */
        ONLY_THIS_KEY,
        /** kms:Decrypt allowed on other keys too (least privilege not in place). */
        BROADER,
        /** kms:Decrypt not allowed on this key. */
        NOT_ALLOWED,
        /** The simulation itself was denied or unavailable: advice missing, not a failure. */
        UNAVAILABLE
    }
}
