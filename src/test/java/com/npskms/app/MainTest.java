package com.npskms.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Started without a display, the launcher must point to the command line instead of failing with a trace. */
class MainTest {
    @Test
    void aLinuxServerWithoutDisplayIsRecognised() {
        assertFalse(Main.displayAvailable("Linux", null, null));
        assertFalse(Main.displayAvailable("Linux", "", " "));
    }

    @Test
    void x11WaylandWindowsAndMacHaveADisplay() {
        assertTrue(Main.displayAvailable("Linux", ":0", null));
        assertTrue(Main.displayAvailable("Linux", null, "wayland-0"));
        assertTrue(Main.displayAvailable("Windows 11", null, null));
        assertTrue(Main.displayAvailable("Mac OS X", null, null));
    }
}
