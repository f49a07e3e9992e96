package com.npskms.cli;

import com.npskms.aws.Problem;
import com.npskms.aws.ProblemException;
import com.npskms.setup.SecretText;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

/**
 * The file {@code --secret-file} names: created new (never overwriting) with owner-only permissions in the
 * same system call on POSIX (rw-------), or with an owner-only ACL on Windows, before any secret exists;
 * the secret is written into it later.
 */
final class SecretFile {
    private final Path path;

    private SecretFile(Path path) {
        this.path = path;
    }

    /** Refuses a path that cannot be used, before anything is created in AWS. */
    static void checkUsable(Path path) {
        Path abs = path.toAbsolutePath();
        if (Files.exists(abs, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw bad(path, "It exists already; a secret file is never overwritten.", "Choose a new file name.");
        }
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw bad(path, "Its folder does not exist.", "Create the folder or choose another path.");
        }
        if (!Files.isWritable(dir)) {
            throw bad(path, "Its folder is not writable.", "Choose a folder you may write to.");
        }
    }

    /** Creates the empty file, owner-only, atomically (fails if it exists). */
    static SecretFile create(Path path) {
        Path abs = path.toAbsolutePath();
        try {
            if (abs.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(abs, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(abs);
                AclFileAttributeView acl = Files.getFileAttributeView(abs, AclFileAttributeView.class);
                if (acl != null) {
                    UserPrincipal owner = Files.getOwner(abs);
                    acl.setAcl(List.of(AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(owner)
                            .setPermissions(EnumSet.allOf(AclEntryPermission.class)).build()));
                }
            }
        } catch (FileAlreadyExistsException e) {
            throw bad(path, "It exists already; a secret file is never overwritten.", "Choose a new file name.");
        } catch (IOException e) {
            throw bad(path, e.getMessage(), "Choose a path you may write to.");
        }
        return new SecretFile(abs);
    }

    Path path() {
        return path;
    }

    /** Writes the secret (one line) into the file made by {@link #create}. */
    void write(SecretText secret) {
        char[] chars = (secret.reveal() + System.lineSeparator()).toCharArray();
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
            ch.force(true);
        } catch (IOException e) {
            throw new ProblemException(Problem.of(Problem.Kind.OTHER, "The secret could not be written to " + path,
                    e.getMessage(), "Run again with --show-secret to see it, or create a new key with rotate."));
        } finally {
            Arrays.fill(chars, '\0');
            if (bytes.hasArray()) {
                Arrays.fill(bytes.array(), (byte) 0);
            }
        }
    }

    /** Removes the file when no secret was written into it (the run failed). */
    void deleteIfEmpty() {
        try {
            if (Files.size(path) == 0) {
                Files.delete(path);
            }
        } catch (IOException ignored) {
            // an empty file left behind holds nothing secret
        }
    }

    private static ProblemException bad(Path path, String why, String next) {
        return new ProblemException(Problem.of(Problem.Kind.INPUT, "The secret file " + path + " cannot be used",
                why, next));
    }
}
