package com.npskms.cli;

import com.npskms.aws.Problem;
import com.npskms.aws.ProblemException;
import com.npskms.setup.Journal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the run journal lives (resume and roll back read it). */
public final class JournalOption {
    @Option(names = "--journal-dir", paramLabel = "DIR",
            description = "Folder of the run journal (default: the user's app data folder; with --sandbox, a "
                    + "temporary folder, since the sandbox's resources end with the process).")
    Path directory;

    Journal journal(ConnectionOptions connection) {
        if (directory != null) {
            return new Journal(directory);
        }
        if (connection.sandbox) {
            // A try-out must not leave a journal that the next real setup would offer to resume.
            try {
                Path dir = Files.createTempDirectory("nps-kms-setup-sandbox");
                dir.toFile().deleteOnExit();
                dir.resolve(Journal.FILE_NAME).toFile().deleteOnExit();
                return new Journal(dir);
            } catch (IOException e) {
                throw new ProblemException(Problem.of(Problem.Kind.OTHER, "No temporary folder for the journal",
                        e.getMessage(), "Give --journal-dir DIR."));
            }
        }
        return Journal.defaultLocation();
    }
}
