package com.npskms.cli;

import com.npskms.setup.Progress;
import java.io.PrintWriter;

/** Progress lines on stderr (stdout stays clean for results and JSON); repeated lines are shown once. */
final class TerminalProgress implements Progress {
    private final PrintWriter err;
    private String last;

    TerminalProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized void update(String message, double fraction) {
        if (message == null || message.equals(last)) {
            return;
        }
        last = message;
        err.println("  " + message);
        err.flush();
    }
}
