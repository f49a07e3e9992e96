package com.npskms.ui.common;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * Counts the background jobs under way (FX thread only) and is busy while at least one runs. A count, not a
 * flag: a job that ends while the next page's job has already started must not re-enable Next.
 */
public final class Busy {
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private int running;

    /** A job starts. */
    public void enter() {
        running++;
        busy.set(true);
    }

    /** A job ended (one {@link #enter()} each). */
    public void exit() {
        if (running > 0) {
            running--;
        }
        busy.set(running > 0);
    }

    public boolean get() {
        return busy.get();
    }

    public ReadOnlyBooleanProperty property() {
        return busy.getReadOnlyProperty();
    }
}
