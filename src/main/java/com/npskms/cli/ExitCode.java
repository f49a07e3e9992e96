package com.npskms.cli;

/** The command line's exit codes. */
public final class ExitCode {
    /** Everything asked for was done. */
    public static final int OK = 0;
    /** A step failed; the run journal is kept, so resume or roll back can follow. */
    public static final int FAILED = 1;
    /** Bad usage or input: nothing was changed. */
    public static final int BAD_INPUT = 2;

    private ExitCode() {
    }
}
