package com.npskms.ui;

import com.npskms.sandbox.Sandbox;
import com.npskms.setup.Journal;
import java.nio.file.Files;
import java.nio.file.Path;

/** Starts the Sandbox for the wizard's Sandbox mode, its state kept beside the run journal so resume works. */
final class SandboxMode {
    private SandboxMode() {
    }

    static Sandbox startPersistent() {
        Path dir = Journal.defaultLocation().directory();
        try {
            Files.createDirectories(dir);
            return Sandbox.start(Sandbox.Options.defaults().withStateFile(dir.resolve("sandbox-state.json")));
        } catch (java.io.IOException e) {
            // No writable app data folder: a sandbox in memory still lets the user try everything.
            return Sandbox.start();
        }
    }
}
