package com.npskms.setup;

/** Receives what a running step is doing, for a progress line in the GUI or the terminal. */
@FunctionalInterface
public interface Progress {
    /** Use for a fraction when the end is unknown. */
    double UNKNOWN = -1;

    /** A progress that ignores everything. */
    Progress NONE = (message, fraction) -> { };

    /** Reports what is happening now; {@code fraction} in [0,1] or {@link #UNKNOWN}. */
    void update(String message, double fraction);
}
