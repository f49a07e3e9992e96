package com.npskms.cli;

import com.npskms.setup.Journal;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the run journal lives (resume and roll back read it). */
public final class JournalOption {
    @Option(names = "--journal-dir", paramLabel = "DIR",
            description = "Folder of the run journal (default: the user's app data folder).")
    Path directory;

    Journal journal() {
        return directory == null ? Journal.defaultLocation() : new Journal(directory);
    }
}
