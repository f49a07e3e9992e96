package com.npskms.ui.common;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Next stays disabled while any job runs: a step's job that ends after the next page's check has started must
 * not re-enable it (a second press then ran a step twice or skipped a page).
 */
class BusyTest {
    @Test
    void staysBusyUntilTheLastOverlappingJobEnds() {
        Busy busy = new Busy();
        busy.enter();            // the step runs
        busy.enter();            // its success shows the next page, whose check starts
        busy.exit();             // the step's job finishes
        assertTrue(busy.get(), "the next page's check still runs: Next must stay disabled");
        assertTrue(busy.property().get());
        busy.exit();
        assertFalse(busy.get());
    }

    @Test
    void anUnmatchedEndDoesNotGoNegative() {
        Busy busy = new Busy();
        busy.exit();
        busy.enter();
        assertTrue(busy.get(), "one job running after a stray end");
    }
}
