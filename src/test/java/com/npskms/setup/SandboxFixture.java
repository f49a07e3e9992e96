package com.npskms.setup;

import com.npskms.aws.AwsSession;
import com.npskms.aws.ConnectionSettings;
import com.npskms.policy.PolicyJson;
import com.npskms.sandbox.Sandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;

/** One sandbox per test class, an admin session on it, unique names per test, and a view of what exists. */
final class SandboxFixture implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    final Sandbox sandbox;
    final AwsSession session;

    SandboxFixture(Sandbox.Options options) {
        sandbox = Sandbox.start(options);
        session = open(sandbox.adminAccessKeyId(), sandbox.adminSecretAccessKey());
    }

    SandboxFixture() {
        this(Sandbox.Options.defaults());
    }

    AwsSession open(String keyId, String secret) {
        return open(keyId, secret, sandbox.region());
    }

    AwsSession open(String keyId, String secret, String region) {
        return AwsSession.open(new ConnectionSettings(ConnectionSettings.Mode.SANDBOX, null, keyId,
                SecretText.of(secret), null, region, sandbox.endpoint()));
    }

    IamClient iam() {
        return session.iam();
    }

    KmsClient kms() {
        return session.kms();
    }

    /** Inputs with names no other test of the class uses. */
    SetupState state() {
        int n = COUNTER.incrementAndGet();
        SetupState s = new SetupState();
        s.policyName = "NPS_KMS_Policy_" + n;
        s.userName = "nps-kms-user-" + n;
        s.alias = "nps-key-" + n;
        s.keyDescription = "NPS protection key " + n;
        s.accessKeyDescription = "Netwrix Privilege Secure " + n;
        s.tags.put("purpose", "nps");
        return s;
    }

    /** A run with the caller as key administrator and a fast backoff. */
    SetupRun start(SetupState s, Journal journal) {
        if (s.keyAdministrators.isEmpty()) {
            s.keyAdministrators.add(session.whoAmI().arn());
        }
        return SetupRun.start(session, s, journal).withBackoff(Backoff.fast(Duration.ofSeconds(20)));
    }

    SetupRun resume(Journal journal) {
        return SetupRun.resume(session, journal).withBackoff(Backoff.fast(Duration.ofSeconds(20)));
    }

    static Journal journal(Path dir) {
        return new Journal(dir);
    }

    /**
     * What exists in the account for the run's names, without ids (which differ between runs), so a resumed run
     * can be compared with a clean one: e.g. {policy=2 versions, default=this key only; user=...}.
     */
    Map<String, Object> snapshot(SetupState s) {
        Map<String, Object> out = new TreeMap<>();
        IamClient iam = iam();
        String policyArn = "arn:aws:iam::" + sandbox.accountId() + ":policy/" + s.policyName;
        String keyArnByAlias = null;
        try {
            KeyMetadata k = kms().describeKey(b -> b.keyId(InputRules.normalizeAlias(s.alias))).keyMetadata();
            keyArnByAlias = k.arn();
            out.put("alias", "→ " + k.keyStateAsString() + " " + k.keySpecAsString() + " " + k.keyUsageAsString()
                    + (k.keyId().equals(s.keyId) ? " (the run's key)" : " (another key)"));
            out.put("keyRotation", kms().getKeyRotationStatus(b -> b.keyId(k.keyId())).keyRotationEnabled());
            out.put("keyPolicyIsConsoles", PolicyJson.sameDocument(
                    kms().getKeyPolicy(b -> b.keyId(k.keyId()).policyName("default")).policy(),
                    KmsKeyStep.keyPolicy(s).toJson()));
        } catch (RuntimeException e) {
            out.put("alias", "none");
        }
        try {
            List<PolicyVersion> versions = iam.listPolicyVersions(b -> b.policyArn(policyArn)).versions();
            PolicyVersion def = versions.stream().filter(PolicyVersion::isDefaultVersion).findFirst().orElseThrow();
            String doc = iam.getPolicyVersion(b -> b.policyArn(policyArn).versionId(def.versionId()))
                    .policyVersion().document();
            String keyArn = keyArnByAlias;
            out.put("policy", versions.size() + " version(s), default allows "
                    + (keyArn != null && PolicyJson.sameDocument(doc, com.npskms.policy.DecryptPolicy.oneKey(keyArn).toJson())
                    ? "the alias's key only" : PolicyJson.sameDocument(doc,
                    com.npskms.policy.DecryptPolicy.anyKeyInAccount(sandbox.accountId()).toJson()) ? "any key" : doc));
        } catch (RuntimeException e) {
            out.put("policy", "none");
        }
        try {
            iam.getUser(b -> b.userName(s.userName));
            out.put("user.policies", iam.listAttachedUserPolicies(b -> b.userName(s.userName)).attachedPolicies()
                    .stream().map(p -> p.policyName()).sorted().collect(Collectors.toList()));
            var keys = iam.listAccessKeys(b -> b.userName(s.userName)).accessKeyMetadata();
            out.put("user.accessKeys", keys.size());
            var tags = iam.listUserTags(b -> b.userName(s.userName)).tags();
            out.put("user.tags", tags.stream().map(t -> (keys.stream().anyMatch(k -> k.accessKeyId().equals(t.key()))
                    ? "<key id>" : t.key()) + "=" + t.value()).sorted().collect(Collectors.toList()));
        } catch (RuntimeException e) {
            out.put("user", "none");
        }
        List<String> keys = new ArrayList<>();
        for (var entry : kms().listKeys().keys()) {
            KeyMetadata m = kms().describeKey(b -> b.keyId(entry.keyId())).keyMetadata();
            if (s.keyDescription.equals(m.description())) {
                keys.add(m.keyStateAsString());
            }
        }
        keys.sort(null);
        out.put("kmsKeysWithTheRunsDescription", keys);
        return out;
    }

    /** What a clean, complete run leaves behind (see {@link #snapshot}). */
    static Map<String, Object> completeRun(SetupState s) {
        Map<String, Object> out = new TreeMap<>();
        out.put("alias", "→ Enabled SYMMETRIC_DEFAULT ENCRYPT_DECRYPT (the run's key)");
        out.put("keyRotation", s.enableKeyRotation);
        out.put("keyPolicyIsConsoles", true);
        out.put("policy", "2 version(s), default allows the alias's key only");
        out.put("user.policies", List.of(s.policyName));
        out.put("user.accessKeys", 1);
        out.put("user.tags", List.of("<key id>=" + s.accessKeyDescription));
        out.put("kmsKeysWithTheRunsDescription", List.of("Enabled"));
        return out;
    }

    /** What a rolled back run leaves behind: nothing but keys waiting for their deletion. */
    static Map<String, Object> nothingLeft(int keysPendingDeletion) {
        Map<String, Object> out = new TreeMap<>();
        out.put("alias", "none");
        out.put("policy", "none");
        out.put("user", "none");
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < keysPendingDeletion; i++) {
            keys.add("PendingDeletion");
        }
        out.put("kmsKeysWithTheRunsDescription", keys);
        return out;
    }

    @Override
    public void close() {
        session.close();
        sandbox.close();
    }
}
