package com.npskms.cli;

import com.npskms.aws.AwsSession;
import com.npskms.aws.Problem;
import com.npskms.aws.ProblemException;
import com.npskms.setup.AccessKeyInfo;
import com.npskms.setup.AccessKeyRotation;
import com.npskms.setup.KeyUsage;
import com.npskms.setup.NewAccessKey;
import com.npskms.setup.SecretText;
import com.npskms.setup.SetupState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rotate}: replaces the NPS user's access key the way AWS recommends. */
@Command(name = "rotate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Rotates the NPS user's access key: lists its keys with last use, creates the new key "
                + "(shown once), and after NPS has been switched to it (Rotate AWS Key), deactivates and then "
                + "deletes the old key.",
                "Without a terminal it stops after creating the key and prints the command that finishes "
                        + "(--finish --old-key ID). The KMS key ARN and region stay the same."})
final class RotateCommand extends AwsCommand {

    @Option(names = "--user-name", paramLabel = "NAME", description = "The NPS IAM user (default: ${DEFAULT-VALUE}).")
    String userName = new SetupState().userName;

    @Option(names = "--list", description = "Only list the user's access keys.")
    boolean list;

    @Option(names = "--description", paramLabel = "TEXT",
            description = "Description of the new key (default: ${DEFAULT-VALUE}).")
    String description = new SetupState().accessKeyDescription;

    @Option(names = "--make-room", description = "When the user has two keys, delete the inactive or never-used "
            + "one first (a key in use is never chosen).")
    boolean makeRoom;

    @Option(names = "--finish", description = "NPS now uses the new key: deactivate the old key, then delete it.")
    boolean finish;

    @Option(names = "--old-key", paramLabel = "ID", description = "With --finish: the key NPS used before.")
    String oldKey;

    @Option(names = "--new-key", paramLabel = "ID",
            description = "With --finish: the key NPS uses now (default: the newest other active key).")
    String newKey;

    @Option(names = "--keep-old", description = "With --finish: only deactivate the old key (reversible); do not delete it.")
    boolean keepOld;

    @Option(names = "--force", description = "With --finish: go on although the old key is still being used.")
    boolean force;

    @Option(names = {"-y", "--yes"}, description = "Answer yes to every confirmation.")
    boolean yes;

    @Option(names = "--show-secret", description = "Print the new secret access key (otherwise masked).")
    boolean showSecret;

    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "Write the new secret access key to this new file, readable by you only.")
    Path secretFile;

    @Override
    String doing() {
        return finish ? "Finishing the access key rotation" : "Rotating the access key of " + userName;
    }

    @Override
    void check() {
        if (finish && oldKey == null) {
            throw new ProblemException(Problem.of(Problem.Kind.INPUT, "--finish needs --old-key ID", "",
                    "Give the access key id NPS used before the rotation."));
        }
        if (!finish && (oldKey != null || newKey != null || keepOld || force)) {
            throw new ProblemException(Problem.of(Problem.Kind.INPUT,
                    "--old-key, --new-key, --keep-old and --force go with --finish", "", "Add --finish."));
        }
        if (secretFile != null && !finish && !list) {
            SecretFile.checkUsable(secretFile);
        }
    }

    @Override
    int run(AwsSession session) {
        AccessKeyRotation rotation = new AccessKeyRotation(session, userName);
        if (finish) {
            return finish(rotation);
        }
        List<AccessKeyInfo> keys = rotation.keys();
        if (list) {
            printKeys(keys);
            return ExitCode.OK;
        }
        if (!connection.json()) {
            err().println("Access keys of " + userName + " now:");
            keys.forEach(k -> err().println("  " + line(k)));
        }
        if (keys.size() >= 2 && makeRoom) {
            makeRoom(rotation, keys);
            keys = rotation.keys();
        }
        if (keys.isEmpty()) {
            err().println("Note: " + userName + " has no access key yet; this creates its first one.");
        }
        String previous = keys.isEmpty() ? null : keys.get(keys.size() - 1).accessKeyId();
        if (!confirm("Create a new access key for " + userName + "?")) {
            throw RunCommand.notConfirmed("no key was created.");
        }
        SecretFile file = secretFile == null ? null : SecretFile.create(secretFile);
        NewAccessKey created;
        try {
            created = rotation.createNewKey(description);
        } catch (RuntimeException e) {
            if (file != null) {
                file.deleteIfEmpty();
            }
            throw e;
        }
        if (file != null) {
            file.write(created.secretAccessKey());
        }
        printNewKey(created, file);
        created.secretAccessKey().wipe();
        String finishCommand = "nps-kms-setup rotate --user-name " + userName + " --finish --old-key "
                + (previous == null ? "<old key id>" : previous) + " --new-key " + created.accessKeyId();
        if (previous == null) {
            return ExitCode.OK;
        }
        if (yes || connection.json() || !ask("Switch NPS to the new key now (Rotate AWS Key). Has NPS been "
                + "switched and does it work?")) {
            err().println("When NPS uses the new key, finish with:\n  " + finishCommand);
            return ExitCode.OK;
        }
        oldKey = previous;
        newKey = created.accessKeyId();
        return finish(rotation);
    }

    private void makeRoom(AccessKeyRotation rotation, List<AccessKeyInfo> keys) {
        Optional<AccessKeyInfo> spare = rotation.replaceable(keys);
        if (spare.isEmpty() || (spare.get().active() && !spare.get().neverUsed())) {
            throw new ProblemException(Problem.of(Problem.Kind.LIMIT, "No room is made for a new key",
                    userName + " has two active keys that are both used; either may be the one NPS uses.",
                    "Find out which key NPS uses, then deactivate the other one yourself (rotate --finish "
                            + "--old-key ID --keep-old) and delete it once nothing breaks."));
        }
        AccessKeyInfo k = spare.get();
        boolean newerActiveKey = keys.stream().anyMatch(o -> !o.accessKeyId().equals(k.accessKeyId()) && o.active()
                && o.created() != null && k.created() != null && o.created().isAfter(k.created()));
        if (!newerActiveKey) {
            // The rotation deletes only a key that a newer active key replaces; say so before touching anything.
            throw new ProblemException(Problem.of(Problem.Kind.LIMIT, "No room is made for a new key",
                    k.accessKeyId() + " (" + k.status() + ", " + k.lastUseText() + ") is the newest key of "
                            + userName + "; only a key that a newer active key replaces is deleted here.",
                    "If " + k.accessKeyId() + " is not needed, delete it yourself (aws iam delete-access-key "
                            + "--user-name " + userName + " --access-key-id " + k.accessKeyId() + "), then rotate."));
        }
        if (!confirm("Delete access key " + k.accessKeyId() + " (" + k.status() + ", " + k.lastUseText()
                + ") to make room?")) {
            throw RunCommand.notConfirmed("no key was deleted or created.");
        }
        if (k.active()) {
            rotation.deactivate(k.accessKeyId());
        }
        rotation.delete(k.accessKeyId(), true);
        err().println("Deleted " + k.accessKeyId() + ".");
    }

    private int finish(AccessKeyRotation rotation) {
        String current = newKey;
        if (current == null) {
            current = rotation.keys().stream().filter(k -> k.active() && !k.accessKeyId().equals(oldKey))
                    .reduce((a, b) -> b).map(AccessKeyInfo::accessKeyId).orElseThrow(() -> new ProblemException(
                            Problem.of(Problem.Kind.CONFLICT, "There is no other active key than " + oldKey,
                                    "Deactivating " + oldKey + " would leave NPS without a working key.",
                                    "Create the new key first: rotate --user-name " + userName)));
        }
        KeyUsage usage = rotation.usage(current, oldKey);
        err().println(usage.summary());
        if (usage.oldKeyStillUsed() && !force) {
            throw new ProblemException(Problem.of(Problem.Kind.CONFLICT, "The old key " + oldKey + " is left active",
                    usage.summary(), "Make sure NPS (and nothing else) uses the old key any more, then run again; "
                            + "--force goes on anyway."));
        }
        if (!usage.newKeyUsed()) {
            err().println("Warning: the new key has not been used yet. If NPS was switched just now, that is normal; "
                    + "deactivation can be undone (activate the key again) if NPS stops working.");
        }
        if (!confirm("Deactivate the old key " + oldKey + "?")) {
            throw RunCommand.notConfirmed("nothing was changed.");
        }
        rotation.deactivate(oldKey);
        boolean deleted = false;
        if (!keepOld && confirm("The old key is inactive. Does NPS still work, and may " + oldKey
                + " be deleted for good?")) {
            rotation.delete(oldKey, true);
            deleted = true;
        }
        if (connection.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("userName", userName);
            m.put("newKey", current);
            m.put("oldKey", oldKey);
            m.put("oldKeyStatus", deleted ? "Deleted" : "Inactive");
            printJson(out(), m);
        } else {
            out().println(deleted ? "Rotation finished: " + oldKey + " is deleted; NPS uses " + current + "."
                    : oldKey + " is inactive (not deleted). Delete it later with: nps-kms-setup rotate --user-name "
                    + userName + " --finish --old-key " + oldKey + " --new-key " + current);
        }
        return ExitCode.OK;
    }

    private boolean confirm(String question) {
        return yes || ask(question);
    }

    private void printNewKey(NewAccessKey k, SecretFile file) {
        if (connection.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("userName", userName);
            m.put("accessKeyId", k.accessKeyId());
            if (showSecret) {
                m.put("secretAccessKey", k.secretAccessKey().reveal());
            }
            if (file != null) {
                m.put("secretAccessKeyFile", file.path().toString());
            }
            m.put("created", String.valueOf(k.created()));
            printJson(out(), m);
            return;
        }
        out().println("New access key for " + userName + " (enter these two in NPS, Rotate AWS Key; the KMS key "
                + "ARN and the region stay the same):");
        out().println("  Access key ID:      " + k.accessKeyId());
        out().println("  Secret access key:  " + (showSecret ? k.secretAccessKey().reveal() : SecretText.MASK
                + (file != null ? "  (written to " + file.path() + ")" : "  (not shown: add --show-secret or "
                + "--secret-file FILE)")));
    }

    private void printKeys(List<AccessKeyInfo> keys) {
        if (connection.json()) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (AccessKeyInfo k : keys) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("accessKeyId", k.accessKeyId());
                m.put("status", k.status());
                m.put("created", String.valueOf(k.created()));
                m.put("lastUsed", k.lastUsedDate() == null ? null : k.lastUsedDate().toString());
                m.put("lastUsedService", k.lastUsedService());
                m.put("lastUsedRegion", k.lastUsedRegion());
                m.put("description", k.description());
                out.add(m);
            }
            printJson(out(), out);
        } else if (keys.isEmpty()) {
            out().println(userName + " has no access keys.");
        } else {
            keys.forEach(k -> out().println(line(k)));
        }
    }

    private static String line(AccessKeyInfo k) {
        return k.accessKeyId() + "  " + k.status() + "  created " + k.created() + "  " + k.lastUseText()
                + (k.description() == null ? "" : "  \"" + k.description() + "\"");
    }
}
