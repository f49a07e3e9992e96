package com.npskms.setup;

import com.npskms.aws.AwsSession;
import com.npskms.aws.Problem;
import com.npskms.aws.ProblemException;
import com.npskms.aws.Problems;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.AccessKeyLastUsed;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * Rotating the NPS user's access key the way AWS recommends: list the keys with last use, create the new
 * one, let the admin switch NPS to it, check usage, deactivate the old key, and delete it only on
 * confirmation and only when a newer active key exists (then its description tag is removed too).
 */
public final class AccessKeyRotation {
    private final AwsSession session;
    private final String userName;

    public AccessKeyRotation(AwsSession session, String userName) {
        this.session = session;
        this.userName = userName;
    }

    public String userName() {
        return userName;
    }

    /** The user's keys, oldest first, with status, created date, last use and description. */
    public List<AccessKeyInfo> keys() {
        IamClient iam = session.iam();
        List<AccessKeyMetadata> keys = StepContext.call("Listing the access keys of " + userName,
                () -> iam.listAccessKeys(b -> b.userName(userName)).accessKeyMetadata());
        Map<String, String> tags = StepContext.call("Reading the tags of " + userName,
                () -> iam.listUserTags(b -> b.userName(userName)).tags()).stream()
                .collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> a));
        return keys.stream().sorted(Comparator.comparing(AccessKeyMetadata::createDate)).map(k -> {
            AccessKeyLastUsed used = StepContext.call("Reading the last use of " + k.accessKeyId(),
                    () -> iam.getAccessKeyLastUsed(b -> b.accessKeyId(k.accessKeyId())).accessKeyLastUsed());
            return new AccessKeyInfo(k.accessKeyId(), k.statusAsString(), k.createDate(),
                    used == null ? null : used.lastUsedDate(),
                    used == null ? null : used.serviceName(), used == null ? null : used.region(),
                    tags.get(k.accessKeyId()));
        }).collect(Collectors.toList());
    }

    /**
     * With two keys, the one to remove to make room: an inactive one first, else one never used, else the
     * least recently used.
     */
    public Optional<AccessKeyInfo> replaceable(List<AccessKeyInfo> keys) {
        if (keys.size() < 2) {
            return Optional.empty();
        }
        return keys.stream().min(Comparator.comparing((AccessKeyInfo k) -> k.active() ? 1 : 0)
                .thenComparing(k -> k.neverUsed() ? 0 : 1)
                .thenComparing(k -> k.lastUsedDate() == null ? java.time.Instant.EPOCH : k.lastUsedDate()));
    }

    /**
     * Creates the new key (and its description tag, the console's way). With two keys already, fails with a
     * LIMIT problem that names the unused (or least used) key and offers to deactivate or delete it.
     */
    public NewAccessKey createNewKey(String description) {
        InputRules.accessKeyDescription(description).ifPresent(m -> {
            throw new ProblemException(Problem.of(Problem.Kind.INPUT, "The description is not valid", m, "Change it."));
        });
        List<AccessKeyInfo> keys = keys();
        if (keys.size() >= 2) {
            AccessKeyInfo spare = replaceable(keys).orElseThrow();
            throw new ProblemException(Problem.of(Problem.Kind.LIMIT,
                    "No new access key can be created for " + userName,
                    userName + " has two access keys already, the most AWS allows: " + keys.stream()
                            .map(k -> k.accessKeyId() + " (" + k.status() + ", " + k.lastUseText() + ")")
                            .collect(Collectors.joining(", ")) + ".",
                    "Deactivate or delete " + spare.accessKeyId() + " (" + spare.status() + ", " + spare.lastUseText()
                            + ") first — but only if NPS does not use it."));
        }
        IamClient iam = session.iam();
        AccessKey key = StepContext.call("Creating an access key for " + userName,
                () -> iam.createAccessKey(b -> b.userName(userName)).accessKey());
        NewAccessKey created = new NewAccessKey(key.accessKeyId(), SecretText.of(key.secretAccessKey()), key.createDate());
        if (description != null && !description.isBlank()) {
            StepContext.call("Saving the description of access key " + key.accessKeyId(),
                    () -> iam.tagUser(b -> b.userName(userName).tags(t -> t.key(key.accessKeyId()).value(description))));
        }
        return created;
    }

    /**
     * Whether the new key has been used since it was created, and whether the old key is still used (a last
     * use after the new key was created).
     */
    public KeyUsage usage(String newKeyId, String oldKeyId) {
        Map<String, AccessKeyInfo> byId = keys().stream().collect(Collectors.toMap(AccessKeyInfo::accessKeyId,
                Function.identity()));
        AccessKeyInfo n = require(byId, newKeyId);
        AccessKeyInfo o = require(byId, oldKeyId);
        boolean newUsed = n.lastUsedDate() != null;
        // IAM dates have one-second resolution: a use in the same second as the creation counts as still used.
        boolean oldStill = o.lastUsedDate() != null && n.created() != null && !o.lastUsedDate().isBefore(n.created());
        String summary = (newUsed ? "The new key " + newKeyId + " has been used (" + n.lastUseText() + ")."
                : "The new key " + newKeyId + " has not been used yet: NPS may not be switched to it.")
                + " " + (oldStill ? "The old key " + oldKeyId + " is still being used (" + o.lastUseText()
                + "): something still has it."
                : "The old key " + oldKeyId + " has not been used since the new key was created.")
                + " (AWS records key use with some delay: if in doubt, check again later.)";
        return new KeyUsage(n, o, newUsed, oldStill, summary);
    }

    private AccessKeyInfo require(Map<String, AccessKeyInfo> byId, String id) {
        AccessKeyInfo k = byId.get(id);
        if (k == null) {
            throw new ProblemException(Problem.of(Problem.Kind.NOT_FOUND, "Access key " + id + " not found",
                    userName + " has no access key " + id + ".", "Refresh the list of keys."));
        }
        return k;
    }

    /** Sets a key Inactive (reversible: {@link #activate}). */
    public void deactivate(String accessKeyId) {
        StepContext.call("Deactivating the access key " + accessKeyId,
                () -> session.iam().updateAccessKey(b -> b.userName(userName).accessKeyId(accessKeyId).status("Inactive")));
    }

    /** Sets a key Active again (undoing a deactivation when NPS turns out to still need it). */
    public void activate(String accessKeyId) {
        StepContext.call("Activating the access key " + accessKeyId,
                () -> session.iam().updateAccessKey(b -> b.userName(userName).accessKeyId(accessKeyId).status("Active")));
    }

    /**
     * Makes room for the new key when the user has two: deletes {@code accessKeyId} (and its description tag)
     * only when confirmed, when it is inactive or has never been used, and when another active key stays.
     */
    public void removeToMakeRoom(String accessKeyId, boolean confirmed) {
        List<AccessKeyInfo> keys = keys();
        AccessKeyInfo target = require(keys.stream().collect(Collectors.toMap(AccessKeyInfo::accessKeyId,
                Function.identity())), accessKeyId);
        boolean otherActive = keys.stream().anyMatch(k -> !k.accessKeyId().equals(accessKeyId) && k.active());
        if (!otherActive || (target.active() && !target.neverUsed())) {
            throw new ProblemException(Problem.of(Problem.Kind.CONFLICT, "The access key " + accessKeyId
                    + " is not deleted", target.active() && !target.neverUsed()
                    ? "It is active and has been used (" + target.lastUseText() + "): NPS may depend on it."
                    : "It is the only active access key of " + userName + ".",
                    "Deactivate it first and check that NPS still works, or use the rotation steps."));
        }
        if (!confirmed) {
            throw new ProblemException(Problem.of(Problem.Kind.INPUT, "The access key " + accessKeyId
                    + " is not deleted", "Deleting a key needs your confirmation.", "Confirm to delete it."));
        }
        deleteWithTag(accessKeyId);
    }

    /**
     * Deletes a key and its description tag. Refused unless {@code confirmed} (the admin confirmed NPS uses the
     * new key) and a newer Active key exists, so NPS is never left without a key.
     */
    public void delete(String accessKeyId, boolean confirmed) {
        List<AccessKeyInfo> keys = keys();
        AccessKeyInfo target = require(keys.stream().collect(Collectors.toMap(AccessKeyInfo::accessKeyId,
                Function.identity())), accessKeyId);
        boolean newerActive = keys.stream().anyMatch(k -> !k.accessKeyId().equals(accessKeyId) && k.active()
                && k.created() != null && target.created() != null && k.created().isAfter(target.created()));
        if (!newerActive) {
            throw new ProblemException(Problem.of(Problem.Kind.CONFLICT, "The access key " + accessKeyId
                    + " is not deleted", "There is no newer active access key for " + userName
                    + "; NPS would be left without a working key.", "Create the new key and switch NPS to it first."));
        }
        if (!confirmed) {
            throw new ProblemException(Problem.of(Problem.Kind.INPUT, "The access key " + accessKeyId
                    + " is not deleted", "Deleting it needs your confirmation that NPS has been switched to the new key.",
                    "Rotate the key in NPS, then confirm."));
        }
        deleteWithTag(accessKeyId);
    }

    private void deleteWithTag(String accessKeyId) {
        IamClient iam = session.iam();
        StepContext.call("Deleting the access key " + accessKeyId,
                () -> iam.deleteAccessKey(b -> b.userName(userName).accessKeyId(accessKeyId)));
        try {
            iam.untagUser(b -> b.userName(userName).tagKeys(accessKeyId));
        } catch (RuntimeException e) {
            throw Problems.wrap(e, "Removing the description tag of the deleted access key " + accessKeyId);
        }
    }
}
