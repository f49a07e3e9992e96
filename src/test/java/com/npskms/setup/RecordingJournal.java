package com.npskms.setup;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A journal that keeps a copy of everything it writes, and can stand in a crash: it throws instead of
 * journaling the outcome of the AWS call whose intent starts with {@code crashAfter} (the call itself was made).
 */
class RecordingJournal extends Journal {
    final List<String> writes = new ArrayList<>();
    private final String crashAfter;
    private String lastIntent;
    private boolean dead;

    RecordingJournal(Path dir, String crashAfter) {
        super(dir);
        this.crashAfter = crashAfter;
    }

    RecordingJournal(Path dir) {
        this(dir, null);
    }

    /** Stands in for the process dying. */
    static final class Crash extends RuntimeException {
        Crash(String what) {
            super("simulated crash after " + what);
        }
    }

    @Override
    public void record(SetupState state) {
        if (dead) {
            throw new Crash("the crash: nothing more is written");
        }
        if (crashAfter != null && lastIntent != null && lastIntent.startsWith(crashAfter)
                && !lastIntent.equals(state.pendingAction)) {
            String what = lastIntent;
            lastIntent = null;
            dead = true;
            throw new Crash(what);
        }
        lastIntent = state.pendingAction;
        super.record(state);
    }

    @Override
    protected void write(byte[] bytes) {
        writes.add(new String(bytes, StandardCharsets.UTF_8));
        super.write(bytes);
    }
}
