package com.npskms.setup;

import com.npskms.aws.Problem;
import com.npskms.aws.Problems;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;

/**
 * Step 3: the access key ("Application running outside AWS"), its optional description stored the console's
 * way (a user tag whose key is the access key id); the secret is kept in memory only, in a {@link SecretText}.
 */
public final class AccessKeyStep implements SetupStep {
    private final StepContext ctx;

    AccessKeyStep(StepContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public StepId id() {
        return StepId.ACCESS_KEY;
    }

    @Override
    public List<PlannedCall> plan(SetupState s) {
        List<PlannedCall> calls = new ArrayList<>();
        calls.add(new PlannedCall("iam", "CreateAccessKey", "user " + s.userName
                + " (the secret is shown once, kept in memory only)", null));
        if (!PolicyStep.blank(s.accessKeyDescription)) {
            calls.add(new PlannedCall("iam", "TagUser", "user " + s.userName + ", tag <new access key id> = \""
                    + s.accessKeyDescription + "\" (the console's access key description)", null));
        }
        return calls;
    }

    @Override
    public Existing inspect(SetupState s) {
        List<AccessKeyMetadata> keys = keysOrNone(s);
        if (keys.size() >= 2 && s.accessKeyId == null) {
            return new Existing(Existing.Verdict.CONFLICT, limitText(s, keys));
        }
        if (keys.size() == 1 && s.accessKeyId == null) {
            return new Existing(Existing.Verdict.NOTHING, s.userName + " has one access key already ("
                    + keys.get(0).accessKeyId() + "); it stays, and a second one is created for NPS.");
        }
        return Existing.nothing();
    }

    private List<AccessKeyMetadata> keysOrNone(SetupState s) {
        try {
            return ctx.session.iam().listAccessKeys(b -> b.userName(s.userName)).accessKeyMetadata();
        } catch (RuntimeException e) {
            if (AwsErrors.notFound(e)) {
                return List.of();
            }
            throw Problems.wrap(e, "Listing the access keys of " + s.userName);
        }
    }

    private static String limitText(SetupState s, List<AccessKeyMetadata> keys) {
        return s.userName + " has two access keys already (" + keys.stream()
                .map(k -> k.accessKeyId() + " " + k.statusAsString()).collect(Collectors.joining(", "))
                + "), the most AWS allows. Delete one that is not in use (the rotation view shows which), then retry.";
    }

    @Override
    public void run(SetupState s, Progress progress) {
        IamClient iam = ctx.session.iam();
        boolean haveSecret = s.secretAccessKey != null && !s.secretAccessKey.isWiped();
        if (s.accessKeyId != null && !haveSecret && s.accessKeyCreated) {
            // Made by this run, but its secret did not survive the interruption (it is never journaled):
            // nobody can have it, so the key is replaced.
            progress.update("Replacing the access key made before the interruption", Progress.UNKNOWN);
            removeKey(s);
        }
        String create = "iam CreateAccessKey " + s.userName;
        if (s.accessKeyId == null) {
            // A user this run created has no other key: no need to ask.
            List<AccessKeyMetadata> keys = s.userCreated ? List.of() : keysOrNone(s);
            if (keys.size() >= 2) {
                throw UserStep.problem(Problem.Kind.LIMIT, "No access key can be created for " + s.userName,
                        limitText(s, keys), "Delete an unused key of " + s.userName + ", or choose another user.");
            }
            s.accessKeysBefore = keys.stream().map(AccessKeyMetadata::accessKeyId).collect(Collectors.toList());
            progress.update("Creating an access key for " + s.userName, Progress.UNKNOWN);
            AccessKey key = StepContext.call("Creating an access key for " + s.userName, () -> ctx.intend(s, id(), create,
                    () -> ctx.backoff.retry("the new user to be visible to IAM", AwsErrors::notFound, progress,
                            () -> iam.createAccessKey(b -> b.userName(s.userName)).accessKey())));
            s.secretAccessKey = SecretText.of(key.secretAccessKey());
            s.accessKeyId = key.accessKeyId();
            s.accessKeyCreated = true;
            s.accessKeyTagged = false;
            ctx.settled(s);
        }
        if (!s.accessKeyTagged && !PolicyStep.blank(s.accessKeyDescription) && s.accessKeyCreated) {
            String keyId = s.accessKeyId;
            progress.update("Saving the access key's description", Progress.UNKNOWN);
            StepContext.call("Saving the description of access key " + keyId, () -> ctx.intend(s, id(),
                    "iam TagUser " + s.userName + " " + keyId,
                    () -> iam.tagUser(b -> b.userName(s.userName).tags(t -> t.key(keyId).value(s.accessKeyDescription)))));
            s.accessKeyTagged = true;
            ctx.settled(s);
        }
    }

    /**
     * Keys an interrupted CreateAccessKey made are removed: their secret was never seen, so nobody can use them.
     * An interrupted TagUser is checked: done if the tag is there, else tagged again by the run.
     */
    @Override
    public void recover(SetupState s) {
        if (StepContext.wasPending(s, "iam TagUser " + s.userName + " " + s.accessKeyId)) {
            s.accessKeyTagged = StepContext.call("Reading the tags of " + s.userName,
                    () -> ctx.session.iam().listUserTags(b -> b.userName(s.userName)).tags())
                    .stream().anyMatch(t -> t.key().equals(s.accessKeyId));
        }
        if (s.accessKeyId != null || !StepContext.wasPending(s, "iam CreateAccessKey " + s.userName)
                || s.accessKeysBefore == null) {
            return;
        }
        IamClient iam = ctx.session.iam();
        for (AccessKeyMetadata k : keysOrNone(s)) {
            if (!s.accessKeysBefore.contains(k.accessKeyId())) {
                UserStep.ignoreGone("Deleting the unusable access key " + k.accessKeyId(),
                        () -> iam.deleteAccessKey(b -> b.userName(s.userName).accessKeyId(k.accessKeyId())));
                UserStep.ignoreGone("Removing the description of " + k.accessKeyId(),
                        () -> iam.untagUser(b -> b.userName(s.userName).tagKeys(k.accessKeyId())));
            }
        }
    }

    private void removeKey(SetupState s) {
        IamClient iam = ctx.session.iam();
        String keyId = s.accessKeyId;
        if (s.accessKeyTagged || !PolicyStep.blank(s.accessKeyDescription)) {
            UserStep.ignoreGone("Removing the description of access key " + keyId,
                    () -> iam.untagUser(b -> b.userName(s.userName).tagKeys(keyId)));
            s.accessKeyTagged = false;
            ctx.save(s);
        }
        UserStep.ignoreGone("Deleting the access key " + keyId,
                () -> iam.deleteAccessKey(b -> b.userName(s.userName).accessKeyId(keyId)));
        s.accessKeyCreated = false;
        s.accessKeyId = null;
        if (s.secretAccessKey != null) {
            s.secretAccessKey.wipe();
            s.secretAccessKey = null;
        }
        ctx.save(s);
    }

    @Override
    public void rollback(SetupState s, Progress progress) {
        if (s.accessKeyCreated && s.accessKeyId != null) {
            progress.update("Deleting the access key " + s.accessKeyId, Progress.UNKNOWN);
            removeKey(s);
        }
    }
}
