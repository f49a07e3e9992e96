package com.npskms.setup;

import com.npskms.aws.Problem;
import com.npskms.aws.Problems;
import com.npskms.policy.KeyPolicyDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyListEntry;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.Tag;

/**
 * Step 4: the symmetric encrypt/decrypt KMS key with the console's key policy (administrators, and the NPS
 * user as key user), its alias, description and tags, and optional automatic key-material rotation.
 */
public final class KmsKeyStep implements SetupStep {
    /** Why automatic rotation costs NPS nothing, for the option's help line. */
    public static final String ROTATION_NOTE = "AWS keeps every older key material, so what NPS encrypted stays"
            + " readable and NPS needs no re-rotation when the key material rotates (yearly).";

    private final StepContext ctx;
    /** The alias looked up ahead, while the earlier steps ran (see {@link #lookAhead}). */
    private java.util.concurrent.CompletableFuture<Found> lookedUp;
    private String lookedUpAlias;

    KmsKeyStep(StepContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public StepId id() {
        return StepId.KMS_KEY;
    }

    /** The key policy this step sends: the console's, with the chosen administrators and the NPS user. */
    public static KeyPolicyDocument keyPolicy(SetupState s) {
        return new KeyPolicyDocument(s.accountId, s.keyAdministrators, List.of(StepContext.userArn(s)),
                s.allowAdministratorsToDelete);
    }

    @Override
    public List<PlannedCall> plan(SetupState s) {
        List<PlannedCall> calls = new ArrayList<>();
        String tags = s.tags.isEmpty() ? "" : ", tags " + s.tags;
        calls.add(new PlannedCall("kms", "CreateKey", "KeySpec SYMMETRIC_DEFAULT, KeyUsage ENCRYPT_DECRYPT"
                + (PolicyStep.blank(s.keyDescription) ? "" : ", description \"" + s.keyDescription + "\"") + tags
                + ", key policy:", keyPolicy(s).toJson()));
        calls.add(new PlannedCall("kms", "CreateAlias", InputRules.normalizeAlias(s.alias) + " → <new key id>", null));
        if (s.enableKeyRotation) {
            calls.add(new PlannedCall("kms", "EnableKeyRotation", "<new key id> (yearly)", null));
        }
        return calls;
    }

    @Override
    public Existing inspect(SetupState s) {
        return find(s).existing;
    }

    private record Found(KeyMetadata key, Existing existing) {
    }

    private Found find(SetupState s) {
        KmsClient kms = ctx.session.kms();
        String alias = InputRules.normalizeAlias(s.alias);
        KeyMetadata key;
        try {
            key = kms.describeKey(b -> b.keyId(alias)).keyMetadata();
        } catch (RuntimeException e) {
            if (AwsErrors.notFound(e)) {
                return new Found(null, Existing.nothing());
            }
            throw Problems.wrap(e, "Looking for the KMS alias " + alias);
        }
        String which = "The alias " + alias + " exists already in " + s.region + " and points to key " + key.arn();
        List<String> wrong = new ArrayList<>();
        if (key.keyState() != KeyState.ENABLED) {
            wrong.add("that key is " + key.keyStateAsString() + ", not Enabled");
        }
        if (!"SYMMETRIC_DEFAULT".equals(key.keySpecAsString())) {
            wrong.add("it is a " + key.keySpecAsString() + " key, not symmetric (SYMMETRIC_DEFAULT)");
        }
        if (!"ENCRYPT_DECRYPT".equals(key.keyUsageAsString())) {
            wrong.add("its usage is " + key.keyUsageAsString() + ", not ENCRYPT_DECRYPT");
        }
        if (!"CUSTOMER".equals(key.keyManagerAsString())) {
            wrong.add("it is managed by AWS, not by the account");
        }
        if (!wrong.isEmpty()) {
            return new Found(key, new Existing(Existing.Verdict.CONFLICT, which + ", but " + String.join("; ", wrong)
                    + ". Choose another alias."));
        }
        String policy = StepContext.call("Reading the key policy of " + key.keyId(),
                () -> kms.getKeyPolicy(b -> b.keyId(key.keyId()).policyName("default")).policy());
        KeyPolicyDocument.Access access = KeyPolicyDocument.accessOf(policy, s.accountId, StepContext.userArn(s));
        if (!access.allowed()) {
            return new Found(key, new Existing(Existing.Verdict.CONFLICT, which + ", but " + access.reason()
                    + ". Choose another alias, or add the NPS user as a key user of that key."));
        }
        return new Found(key, new Existing(Existing.Verdict.REUSABLE, which + ", an enabled symmetric"
                + " encrypt/decrypt key; " + access.reason() + ", so it will be reused."));
    }

    /**
     * Starts looking up the alias alongside an earlier step, saving a round trip. What exists may change in
     * between; a CreateAlias that then finds the alias taken still stops with a clear conflict.
     */
    void lookAhead(SetupState s) {
        if (s.keyArn == null && s.userArn != null) {
            lookedUpAlias = InputRules.normalizeAlias(s.alias);
            lookedUp = StepContext.alongside(() -> find(s));
        }
    }

    private Found lookedUpOrFind(SetupState s, String alias) {
        java.util.concurrent.CompletableFuture<Found> ahead = lookedUp;
        lookedUp = null;
        if (ahead != null && alias.equals(lookedUpAlias)) {
            try {
                return StepContext.join(ahead);
            } catch (RuntimeException e) {
                // looked up too early (or failed): look again now
            }
        }
        return find(s);
    }

    @Override
    public void run(SetupState s, Progress progress) {
        KmsClient kms = ctx.session.kms();
        String alias = InputRules.normalizeAlias(s.alias);
        String create = "kms CreateKey " + alias;
        if (s.keyArn == null) {
            progress.update("Looking for the KMS alias " + alias, Progress.UNKNOWN);
            Found found = lookedUpOrFind(s, alias);
            if (found.key != null) {
                if (found.existing.verdict() != Existing.Verdict.REUSABLE || !s.reuseExisting) {
                    throw PolicyStep.conflict(s, found.existing);
                }
                s.keyId = found.key.keyId();
                s.keyArn = found.key.arn();
                s.keyCreated = false;
                s.aliasCreated = false;
                ctx.save(s);
            } else {
                createKey(s, create, progress);
            }
        }
        // Rotation and alias are independent: rotation goes alongside (it needs no journal entry: it is
        // idempotent and goes away with the key), the alias on this thread.
        java.util.concurrent.CompletableFuture<Void> rotation = null;
        if (s.keyCreated && s.enableKeyRotation && !s.keyRotationEnabled) {
            progress.update("Turning on automatic key rotation", Progress.UNKNOWN);
            String keyId = s.keyId;
            rotation = StepContext.alongside(() -> {
                ctx.backoff.retry("the new key to be ready",
                        t -> AwsErrors.is(t, "NotFoundException", "KMSInvalidStateException"), Progress.NONE,
                        () -> kms.enableKeyRotation(b -> b.keyId(keyId)));
                return null;
            });
        }
        try {
            if (s.keyCreated && !s.aliasCreated) {
                createAlias(s, alias, progress);
            }
        } finally {
            if (rotation != null) {
                try {
                    StepContext.join(rotation);
                    s.keyRotationEnabled = true;
                    ctx.save(s);
                } catch (RuntimeException e) {
                    throw Problems.wrap(e, "Turning on automatic rotation of the KMS key");
                }
            }
        }
    }

    private void createKey(SetupState s, String create, Progress progress) {
        KmsClient kms = ctx.session.kms();
        String policy = keyPolicy(s).toJson();
        List<Tag> tags = s.tags.entrySet().stream()
                .map(e -> Tag.builder().tagKey(e.getKey()).tagValue(e.getValue()).build()).collect(Collectors.toList());
        progress.update("Creating the KMS key", Progress.UNKNOWN);
        KeyMetadata key = StepContext.call("Creating the KMS key", () -> ctx.intend(s, id(), create,
                () -> ctx.backoff.retry("the new user to be visible to KMS as a key user", KmsKeyStep::invalidPrincipal,
                        progress, () -> kms.createKey(b -> {
                            b.keySpec("SYMMETRIC_DEFAULT").keyUsage("ENCRYPT_DECRYPT").policy(policy);
                            if (!PolicyStep.blank(s.keyDescription)) {
                                b.description(s.keyDescription);
                            }
                            if (!tags.isEmpty()) {
                                b.tags(tags);
                            }
                        }).keyMetadata())));
        s.keyId = key.keyId();
        s.keyArn = key.arn();
        s.keyCreated = true;
        s.aliasCreated = false;
        ctx.settled(s);
    }

    /** KMS's answer while a new IAM user is not yet visible to it. */
    static boolean invalidPrincipal(Throwable t) {
        String msg = AwsErrors.message(t);
        return AwsErrors.is(t, "MalformedPolicyDocumentException")
                && msg != null && msg.toLowerCase(Locale.ROOT).contains("principal");
    }

    private void createAlias(SetupState s, String alias, Progress progress) {
        KmsClient kms = ctx.session.kms();
        progress.update("Creating the alias " + alias, Progress.UNKNOWN);
        try {
            ctx.intend(s, id(), "kms CreateAlias " + alias, () -> ctx.backoff.retry("the new key to be ready",
                    t -> AwsErrors.is(t, "NotFoundException", "KMSInvalidStateException"), progress,
                    () -> kms.createAlias(b -> b.aliasName(alias).targetKeyId(s.keyId))));
        } catch (RuntimeException e) {
            if (!AwsErrors.is(e, "AlreadyExistsException")) {
                throw Problems.wrap(e, "Creating the KMS alias " + alias);
            }
            KeyMetadata holder = StepContext.call("Looking up the KMS alias " + alias,
                    () -> kms.describeKey(b -> b.keyId(alias)).keyMetadata());
            if (!holder.keyId().equals(s.keyId)) {
                throw UserStep.problem(Problem.Kind.CONFLICT, "The alias " + alias + " is taken",
                        "It points to key " + holder.arn() + ", not to the key this run created (" + s.keyArn + ").",
                        "Choose another alias, or roll back and reuse that key.");
            }
            // Made by this run just before it stopped.
        }
        s.aliasCreated = true;
        ctx.settled(s);
    }

    /**
     * The key an interrupted CreateKey made, if any: a customer key created since the call, enabled, without an
     * alias, whose key policy names the NPS user as key user and whose description is ours.
     */
    private KeyMetadata findKeyMadeBy(SetupState s) {
        KmsClient kms = ctx.session.kms();
        Instant since = Instant.parse(s.pendingSince).minusSeconds(300);
        String userArn = StepContext.userArn(s);
        // Keys with an alias are not it: one listing of the aliases spares a DescribeKey for most keys.
        java.util.Set<String> aliased = new java.util.HashSet<>();
        kms.listAliasesPaginator(b -> b.limit(100)).aliases().forEach(a -> {
            if (a.targetKeyId() != null) {
                aliased.add(a.targetKeyId());
            }
        });
        for (KeyListEntry entry : kms.listKeysPaginator(b -> b.limit(1000)).keys()) {
            if (aliased.contains(entry.keyId())) {
                continue;
            }
            KeyMetadata m;
            try {
                m = kms.describeKey(b -> b.keyId(entry.keyId())).keyMetadata();
            } catch (RuntimeException e) {
                continue;
            }
            if (!"CUSTOMER".equals(m.keyManagerAsString()) || m.keyState() != KeyState.ENABLED
                    || m.creationDate() == null || m.creationDate().isBefore(since)
                    || !java.util.Objects.equals(emptyToNull(m.description()), emptyToNull(s.keyDescription))) {
                continue;
            }
            String policy = kms.getKeyPolicy(b -> b.keyId(m.keyId()).policyName("default")).policy();
            if (com.npskms.policy.PolicyJson.sameDocument(policy, keyPolicy(s).toJson())
                    || policy.contains(userArn)) {
                return m;
            }
        }
        return null;
    }

    private static String emptyToNull(String v) {
        return v == null || v.isEmpty() ? null : v;
    }

    @Override
    public void recover(SetupState s) {
        String alias = InputRules.normalizeAlias(s.alias);
        if (s.keyArn == null && StepContext.wasPending(s, "kms CreateKey " + alias)) {
            KeyMetadata orphan = findKeyMadeBy(s);
            if (orphan != null) {
                s.keyId = orphan.keyId();
                s.keyArn = orphan.arn();
                s.keyCreated = true;
            }
        }
        if (!s.aliasCreated && s.keyCreated && StepContext.wasPending(s, "kms CreateAlias " + alias)) {
            try {
                KeyMetadata holder = ctx.session.kms().describeKey(b -> b.keyId(alias)).keyMetadata();
                s.aliasCreated = holder.keyId().equals(s.keyId);
            } catch (RuntimeException e) {
                if (!AwsErrors.notFound(e)) {
                    throw Problems.wrap(e, "Looking up the KMS alias " + alias);
                }
            }
        }
    }

    @Override
    public void rollback(SetupState s, Progress progress) {
        KmsClient kms = ctx.session.kms();
        String alias = InputRules.normalizeAlias(s.alias);
        if (s.aliasCreated) {
            progress.update("Deleting the alias " + alias, Progress.UNKNOWN);
            UserStep.ignoreGone("Deleting the KMS alias " + alias, () -> kms.deleteAlias(b -> b.aliasName(alias)));
            s.aliasCreated = false;
            ctx.save(s);
        }
        if (s.keyCreated) {
            progress.update("Scheduling the deletion of the KMS key in " + s.deletionWindowDays + " days", Progress.UNKNOWN);
            try {
                kms.scheduleKeyDeletion(b -> b.keyId(s.keyId).pendingWindowInDays(s.deletionWindowDays));
            } catch (RuntimeException e) {
                // Already pending deletion (an earlier roll back) counts as done.
                if (!AwsErrors.is(e, "NotFoundException", "KMSInvalidStateException")) {
                    throw Problems.wrap(e, "Scheduling the deletion of the KMS key " + s.keyArn);
                }
            }
            s.keyCreated = false;
            s.keyRotationEnabled = false;
        }
        s.keyId = null;
        s.keyArn = null;
        ctx.save(s);
    }
}
