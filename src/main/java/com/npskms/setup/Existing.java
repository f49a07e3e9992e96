package com.npskms.setup;

/** What a step found already in the account before running: nothing, something it can reuse, or a conflict. */
public record Existing(Verdict verdict, String explanation) {

    /** The decision on what exists. */
    public enum Verdict {
        /** Nothing there: the step will create it. */
        NOTHING,
        /** It exists and matches what we need: the step will reuse it. */
        REUSABLE,
        /** It exists but does not match; {@code explanation} says exactly why. Rename or fix. */
        CONFLICT
    }

    public static Existing nothing() {
        return new Existing(Verdict.NOTHING, "");
    }
}
