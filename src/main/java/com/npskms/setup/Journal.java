package com.npskms.setup;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.npskms.aws.Problem;
import com.npskms.aws.ProblemException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The run journal: one JSON file in the user's app data folder, rewritten atomically and durably (temp file,
 * fsync, ATOMIC_MOVE, fsync of the folder) before and after every AWS change, so a crash at any point can be resumed without
 * duplicates. It never holds a secret: {@link SecretText} refuses JSON and the state ignores it.
 */
public class Journal {
    /** The journal's file name inside its folder. */
    public static final String FILE_NAME = "setup-run.json";

    /** Built on first use, so looking for a journal that does not exist (the usual start) loads no Jackson. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private final Path directory;

    /** A journal in {@code directory} (created on first write); tests pass a temporary folder. */
    public Journal(Path directory) {
        this.directory = directory;
    }

    /** The journal in the user's app data folder for this operating system. */
    public static Journal defaultLocation() {
        return new Journal(defaultDirectory(System.getProperty("os.name", ""), System.getenv(),
                Path.of(System.getProperty("user.home", "."))));
    }

    /**
     * The app data folder: {@code %APPDATA%\NPS KMS Setup} on Windows, {@code ~/Library/Application Support/NPS KMS
     * Setup} on macOS, {@code $XDG_DATA_HOME/nps-kms-setup} or {@code ~/.local/share/nps-kms-setup} elsewhere.
     */
    public static Path defaultDirectory(String osName, Map<String, String> env, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            Path base = appData != null && !appData.isBlank() ? Path.of(appData) : home.resolve("AppData").resolve("Roaming");
            return base.resolve("NPS KMS Setup");
        }
        if (os.startsWith("mac")) {
            return home.resolve("Library").resolve("Application Support").resolve("NPS KMS Setup");
        }
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : home.resolve(".local").resolve("share");
        return base.resolve("nps-kms-setup");
    }

    public Path directory() {
        return directory;
    }

    /** The journal file itself. */
    public Path file() {
        return directory.resolve(FILE_NAME);
    }

    /** The last run written, finished or not. An unreadable journal is a problem, never silently dropped. */
    public Optional<JournalEntry> findLast() {
        Path f = file();
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        try {
            JournalEntry e = Json.MAPPER.readValue(f.toFile(), JournalEntry.class);
            if (e == null || e.state() == null) {
                throw new IOException("no run in it");
            }
            return Optional.of(e);
        } catch (IOException e) {
            throw new ProblemException(Problem.of(Problem.Kind.OTHER,
                    "The setup run journal cannot be read",
                    f + ": " + e.getMessage(),
                    "Move or delete the file to start afresh (the resources it lists stay in AWS)."));
        }
    }

    /** The last run if it did not finish: what the next start offers to resume, roll back or discard. */
    public Optional<JournalEntry> findUnfinished() {
        return findLast().filter(e -> !e.finished());
    }

    /** Writes the state as the journal's content, atomically; a failure to write stops the run (durability first). */
    public void record(SetupState state) {
        JournalEntry entry = new JournalEntry(JournalEntry.FORMAT, Instant.now().toString(), state);
        byte[] bytes;
        try {
            bytes = Json.MAPPER.writeValueAsBytes(entry);
        } catch (IOException e) {
            throw new IllegalStateException("the setup state cannot be journaled", e);
        }
        write(bytes);
    }

    /** Stores the bytes durably: temp file, fsync, atomic rename. Overridable so tests can stand in a crash. */
    protected void write(byte[] bytes) {
        try {
            Files.createDirectories(directory);
            Path tmp = Files.createTempFile(directory, FILE_NAME, ".tmp");
            try {
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                    ch.write(java.nio.ByteBuffer.wrap(bytes));
                    ch.force(true);
                }
                try {
                    Files.move(tmp, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file(), StandardCopyOption.REPLACE_EXISTING);
                }
                syncDirectory();
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new ProblemException(Problem.of(Problem.Kind.OTHER,
                    "The setup run journal cannot be written",
                    directory + ": " + e.getMessage(),
                    "Free disk space or fix the folder's permissions, then resume."));
        }
    }

    /** Makes the rename itself durable (POSIX); where a folder cannot be opened (Windows) the move is enough. */
    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not supported on this platform: NTFS journals the rename itself
        }
    }

    /** Forgets the run (the resources it made stay in AWS). */
    public void clear() {
        try {
            Files.deleteIfExists(file());
        } catch (IOException e) {
            throw new ProblemException(Problem.of(Problem.Kind.OTHER,
                    "The setup run journal cannot be removed", file() + ": " + e.getMessage(),
                    "Delete the file by hand."));
        }
    }
}
