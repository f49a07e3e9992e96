package com.npskms.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.npskms.sandbox.PolicyEvaluation.Decision;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.kms.model.*;

/** KMS over JSON 1.1 ({@code X-Amz-Target: TrentService.*}) with real AES-256-GCM per key. */
final class KmsApi {
    private static final Pattern ALIAS = Pattern.compile("[a-zA-Z0-9/_-]+");
    private static final Pattern UUID_FORM = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final byte CIPHERTEXT_VERSION = 1;
    private static final int MAX_KEY_POLICY = 32768;
    static final String LOCKOUT = "The new key policy will not allow you to update the key policy in the future.";
    static final String INVALID_PRINCIPALS = "Policy contains a statement with one or more invalid principals.";

    static final java.util.Set<String> MUTATING = java.util.Set.of("CreateKey", "CreateAlias", "DeleteAlias",
            "PutKeyPolicy", "EnableKeyRotation", "DisableKeyRotation", "ScheduleKeyDeletion", "CancelKeyDeletion",
            "EnableKey", "TagResource", "UntagResource");

    private final Account account;

    KmsApi(Account account) {
        this.account = account;
    }

    /** Answers one KMS action; null means an empty JSON object. */
    SdkPojo handle(String action, JsonNode in, Caller caller) {
        return switch (action) {
            case "CreateKey" -> createKey(in, caller);
            case "DescribeKey" -> describeKey(in, caller);
            case "ListKeys" -> listKeys(in, caller);
            case "CreateAlias" -> createAlias(in, caller);
            case "ListAliases" -> listAliases(in, caller);
            case "DeleteAlias" -> deleteAlias(in, caller);
            case "GetKeyPolicy" -> getKeyPolicy(in, caller);
            case "PutKeyPolicy" -> putKeyPolicy(in, caller);
            case "EnableKeyRotation" -> enableKeyRotation(in, caller, true);
            case "DisableKeyRotation" -> enableKeyRotation(in, caller, false);
            case "GetKeyRotationStatus" -> getKeyRotationStatus(in, caller);
            case "ScheduleKeyDeletion" -> scheduleKeyDeletion(in, caller);
            case "CancelKeyDeletion" -> cancelKeyDeletion(in, caller);
            case "EnableKey" -> enableKey(in, caller);
            case "TagResource" -> tagResource(in, caller);
            case "UntagResource" -> untagResource(in, caller);
            case "ListResourceTags" -> listResourceTags(in, caller);
            case "Encrypt" -> encrypt(in, caller);
            case "Decrypt" -> decrypt(in, caller);
            case "GenerateDataKey" -> generateDataKey(in, caller);
            default -> throw new AwsError(400, "UnknownOperationException", null);
        };
    }

    // ---------------------------------------------------------------- keys

    private SdkPojo createKey(JsonNode in, Caller caller) {
        account.requireKmsIdentity(caller, "kms:CreateKey", "*");
        String spec = text(in, "KeySpec", text(in, "CustomerMasterKeySpec", "SYMMETRIC_DEFAULT"));
        String usage = text(in, "KeyUsage", "ENCRYPT_DECRYPT");
        if (!"SYMMETRIC_DEFAULT".equals(spec) || !"ENCRYPT_DECRYPT".equals(usage)) {
            throw AwsError.kmsValidation("The sandbox supports symmetric encryption keys only "
                    + "(KeySpec SYMMETRIC_DEFAULT, KeyUsage ENCRYPT_DECRYPT).");
        }
        if (!"AWS_KMS".equals(text(in, "Origin", "AWS_KMS"))) {
            throw new AwsError(400, "UnsupportedOperationException", "The sandbox creates keys with origin AWS_KMS only.");
        }
        String description = text(in, "Description", "");
        if (description.length() > 8192) {
            throw AwsError.kmsValidation("1 validation error detected: Value at 'description' failed to satisfy "
                    + "constraint: Member must have length less than or equal to 8192");
        }
        Map<String, String> tags = tags(in.get("Tags"));
        String keyId = UUID.randomUUID().toString();
        String arn = "arn:aws:kms:" + account.region + ":" + account.id() + ":key/" + keyId;
        if (!tags.isEmpty()) {
            account.requireKmsIdentity(caller, "kms:TagResource", arn);
        }
        String policy = in.hasNonNull("Policy") ? in.get("Policy").asText() : defaultKeyPolicy();
        // The default policy is not checked for lockout (AWS applies it as is); a given policy is.
        checkKeyPolicy(policy, arn, caller, !in.hasNonNull("Policy")
                || in.path("BypassPolicyLockoutSafetyCheck").asBoolean(false));
        SandboxState.Key k = new SandboxState.Key();
        k.keyId = keyId;
        k.arn = arn;
        k.description = description;
        k.created = account.now();
        k.policy = policy;
        k.tags.putAll(tags);
        byte[] material = new byte[32];
        account.random.nextBytes(material);
        k.material = Base64.getEncoder().encodeToString(material);
        account.state.keys.put(keyId, k);
        return CreateKeyResponse.builder().keyMetadata(metadata(k)).build();
    }

    private String defaultKeyPolicy() {
        return "{\"Version\":\"2012-10-17\",\"Id\":\"key-default-1\",\"Statement\":[{\"Sid\":\"Enable IAM User "
                + "Permissions\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + account.rootArn()
                + "\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";
    }

    /** Syntax, principals that exist, and the lockout safety check: the caller must keep kms:PutKeyPolicy. */
    private void checkKeyPolicy(String policy, String keyArn, Caller caller, boolean bypassLockoutCheck) {
        if (policy.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_POLICY) {
            throw new AwsError(400, "LimitExceededException", "The key policy exceeds the quota of "
                    + MAX_KEY_POLICY + " bytes.");
        }
        JsonNode doc;
        try {
            doc = WireFormat.JSON.readTree(policy);
        } catch (Exception e) {
            throw AwsError.kmsMalformedPolicy("The policy is not valid JSON.");
        }
        if (doc == null || !doc.isObject() || PolicyEvaluation.statements(doc).isEmpty()) {
            throw AwsError.kmsMalformedPolicy("The policy must contain at least one statement.");
        }
        for (JsonNode st : PolicyEvaluation.statements(doc)) {
            String effect = st.path("Effect").asText("");
            if (!"Allow".equals(effect) && !"Deny".equals(effect)) {
                throw AwsError.kmsMalformedPolicy("Policy contains a statement without a valid Effect.");
            }
            if (!st.has("Principal")) {
                throw AwsError.kmsMalformedPolicy("Policy contains a statement with no principal.");
            }
            if (!st.has("Action") && !st.has("NotAction")) {
                throw AwsError.kmsMalformedPolicy("Policy contains a statement with no action.");
            }
            if (!st.has("Resource") && !st.has("NotResource")) {
                throw AwsError.kmsMalformedPolicy("Policy contains a statement with no resource.");
            }
            for (String principal : PolicyEvaluation.principals(st)) {
                if (!account.principalExists(principal)) {
                    throw AwsError.kmsMalformedPolicy(INVALID_PRINCIPALS);
                }
            }
        }
        if (!bypassLockoutCheck
                && account.keyDecision(caller, policy, keyArn, "kms:PutKeyPolicy", Map.of()) != Decision.ALLOWED) {
            throw AwsError.kmsMalformedPolicy(LOCKOUT);
        }
    }

    private SdkPojo describeKey(JsonNode in, Caller caller) {
        SandboxState.Key k = key(in, true);
        account.requireKey(caller, k, "kms:DescribeKey", Map.of());
        return DescribeKeyResponse.builder().keyMetadata(metadata(k)).build();
    }

    private SdkPojo listKeys(JsonNode in, Caller caller) {
        account.requireKmsIdentity(caller, "kms:ListKeys", "*");
        purgeDeleted();
        List<KeyListEntry> all = new ArrayList<>();
        for (SandboxState.Key k : account.state.keys.values()) {
            all.add(KeyListEntry.builder().keyId(k.keyId).keyArn(k.arn).build());
        }
        int[] range = page(in, all.size());
        boolean more = range[1] < all.size();
        return ListKeysResponse.builder().keys(all.subList(range[0], range[1])).truncated(more)
                .nextMarker(more ? Integer.toString(range[1]) : null).build();
    }

    private SdkPojo getKeyPolicy(JsonNode in, Caller caller) {
        SandboxState.Key k = key(in, false);
        policyName(in);
        account.requireKey(caller, k, "kms:GetKeyPolicy", Map.of());
        return GetKeyPolicyResponse.builder().policy(k.policy).policyName("default").build();
    }

    private SdkPojo putKeyPolicy(JsonNode in, Caller caller) {
        SandboxState.Key k = key(in, false);
        policyName(in);
        account.requireKey(caller, k, "kms:PutKeyPolicy", Map.of());
        String policy = required(in, "Policy");
        checkKeyPolicy(policy, k.arn, caller, in.path("BypassPolicyLockoutSafetyCheck").asBoolean(false));
        k.policy = policy;
        return null;
    }

    private static void policyName(JsonNode in) {
        String name = text(in, "PolicyName", "default");
        if (!"default".equals(name)) {
            throw AwsError.kmsNotFound("Policy " + name + " does not exist. The only valid policy name is \"default\".");
        }
    }

    private SdkPojo enableKeyRotation(JsonNode in, Caller caller, boolean enable) {
        SandboxState.Key k = key(in, false);
        account.requireKey(caller, k, enable ? "kms:EnableKeyRotation" : "kms:DisableKeyRotation", Map.of());
        requireUsable(k, false);
        if (enable && in.has("RotationPeriodInDays")) {
            int days = in.get("RotationPeriodInDays").asInt();
            if (days < 90 || days > 2560) {
                throw AwsError.kmsValidation("1 validation error detected: Value '" + days + "' at "
                        + "'rotationPeriodInDays' failed to satisfy constraint: Member must have value between 90 and 2560");
            }
        }
        k.rotationEnabled = enable;
        return null;
    }

    private SdkPojo getKeyRotationStatus(JsonNode in, Caller caller) {
        SandboxState.Key k = key(in, false);
        account.requireKey(caller, k, "kms:GetKeyRotationStatus", Map.of());
        GetKeyRotationStatusResponse.Builder b = GetKeyRotationStatusResponse.builder().keyRotationEnabled(k.rotationEnabled)
                .keyId(k.arn);
        if (k.rotationEnabled) {
            b.rotationPeriodInDays(365).nextRotationDate(Instant.ofEpochMilli(account.now()).plus(365, ChronoUnit.DAYS));
        }
        return b.build();
    }

    private SdkPojo scheduleKeyDeletion(JsonNode in, Caller caller) {
        SandboxState.Key k = key(in, false);
        account.requireKey(caller, k, "kms:ScheduleKeyDeletion", Map.of());
        int days = in.has("PendingWindowInDays") ? in.get("PendingWindowInDays").asInt() : 30;
        if (days < 7 || days > 30) {
            throw AwsError.kmsValidation("1 validation error detected: Value '" + days + "' at 'pendingWindowInDays' "
                    + "failed to satisfy constraint: Member must have value " + (days < 7
                    ? "greater than or equal to 7" : "less than or equal to 30"));
        }
        if ("PendingDeletion".equals(k.state)) {
            throw AwsError.kmsInvalidState(k.arn + " is pending deletion.");
        }
        k.state = "PendingDeletion";
        k.pendingWindowDays = days;
        k.deletionDate = account.now() + days * 86_400_000L;
        return ScheduleKeyDeletionResponse.builder().keyId(k.arn).deletionDate(Instant.ofEpochMilli(k.deletionDate))
                .keyState(k.state).pendingWindowInDays(days).build();
    }

    private SdkPojo cancelKeyDeletion(JsonNode in, Caller caller) {
        SandboxState.Key k = key(in, false);
        account.requireKey(caller, k, "kms:CancelKeyDeletion", Map.of());
        if (!"PendingDeletion".equals(k.state)) {
            throw AwsError.kmsInvalidState(k.arn + " is not pending deletion.");
        }
        k.state = "Disabled";
        k.deletionDate = 0;
        k.pendingWindowDays = 0;
        return CancelKeyDeletionResponse.builder().keyId(k.arn).build();
    }

    private SdkPojo enableKey(JsonNode in, Caller caller) {
        SandboxState.Key k = key(in, false);
        account.requireKey(caller, k, "kms:EnableKey", Map.of());
        if ("PendingDeletion".equals(k.state)) {
            throw AwsError.kmsInvalidState(k.arn + " is pending deletion.");
        }
        k.state = "Enabled";
        return null;
    }

    private SdkPojo tagResource(JsonNode in, Caller caller) {
        SandboxState.Key k = key(in, false);
        account.requireKey(caller, k, "kms:TagResource", Map.of());
        requireUsable(k, false);
        Map<String, String> tags = tags(in.get("Tags"));
        if (tags.isEmpty()) {
            throw AwsError.kmsValidation("1 validation error detected: Value null at 'tags' failed to satisfy "
                    + "constraint: Member must not be null");
        }
        k.tags.putAll(tags);
        if (k.tags.size() > 50) {
            k.tags.keySet().removeAll(tags.keySet());
            throw new AwsError(400, "TagException", "Cannot exceed quota for tags per KMS key: 50");
        }
        return null;
    }

    private SdkPojo untagResource(JsonNode in, Caller caller) {
        SandboxState.Key k = key(in, false);
        account.requireKey(caller, k, "kms:UntagResource", Map.of());
        for (String tagKey : PolicyEvaluation.strings(in.get("TagKeys"))) {
            k.tags.remove(tagKey);
        }
        return null;
    }

    private SdkPojo listResourceTags(JsonNode in, Caller caller) {
        SandboxState.Key k = key(in, false);
        account.requireKey(caller, k, "kms:ListResourceTags", Map.of());
        List<Tag> out = new ArrayList<>();
        k.tags.forEach((key, value) -> out.add(Tag.builder().tagKey(key).tagValue(value).build()));
        return ListResourceTagsResponse.builder().tags(out).truncated(false).build();
    }

    // ---------------------------------------------------------------- aliases

    private SdkPojo createAlias(JsonNode in, Caller caller) {
        String name = required(in, "AliasName");
        validateAliasName(name);
        String aliasArn = aliasArn(name);
        account.requireKmsIdentity(caller, "kms:CreateAlias", aliasArn);
        String target = required(in, "TargetKeyId");
        if (target.startsWith("alias/") || target.contains(":alias/")) {
            throw AwsError.kmsValidation("Aliases must refer to keys. Not aliases");
        }
        SandboxState.Key k = resolve(target, false);
        account.requireKey(caller, k, "kms:CreateAlias", Map.of());
        if (account.state.aliases.containsKey(name)) {
            throw new AwsError(400, "AlreadyExistsException", "An alias with the name " + aliasArn + " already exists");
        }
        if ("PendingDeletion".equals(k.state)) {
            throw AwsError.kmsInvalidState(k.arn + " is pending deletion.");
        }
        SandboxState.Alias a = new SandboxState.Alias();
        a.name = name;
        a.keyId = k.keyId;
        a.created = account.now();
        a.updated = a.created;
        account.state.aliases.put(name, a);
        return null;
    }

    private void validateAliasName(String name) {
        if (!name.startsWith("alias/")) {
            throw AwsError.kmsValidation("Alias must start with the prefix \"alias/\". Please see "
                    + "https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html");
        }
        if (name.length() > 256 || name.length() <= "alias/".length()) {
            throw AwsError.kmsValidation("1 validation error detected: Value '" + name + "' at 'aliasName' failed to "
                    + "satisfy constraint: Member must have length less than or equal to 256");
        }
        if (!ALIAS.matcher(name).matches()) {
            throw AwsError.kmsValidation(name + " contains invalid characters for an alias");
        }
        if (name.toLowerCase(Locale.ROOT).startsWith("alias/aws/")) {
            throw new AwsError(400, "NotAuthorizedException", "Cannot create alias with prefix 'alias/aws/': it is "
                    + "reserved for AWS managed keys.");
        }
    }

    private SdkPojo listAliases(JsonNode in, Caller caller) {
        account.requireKmsIdentity(caller, "kms:ListAliases", "*");
        purgeDeleted();
        String keyFilter = null;
        if (in.hasNonNull("KeyId")) {
            keyFilter = resolve(in.get("KeyId").asText(), false).keyId;
        }
        List<AliasListEntry> all = new ArrayList<>();
        for (SandboxState.Alias a : account.state.aliases.values()) {
            if (keyFilter == null || keyFilter.equals(a.keyId)) {
                all.add(AliasListEntry.builder().aliasName(a.name).aliasArn(aliasArn(a.name)).targetKeyId(a.keyId)
                        .creationDate(Instant.ofEpochMilli(a.created)).lastUpdatedDate(Instant.ofEpochMilli(a.updated))
                        .build());
            }
        }
        int[] range = page(in, all.size());
        boolean more = range[1] < all.size();
        return ListAliasesResponse.builder().aliases(all.subList(range[0], range[1])).truncated(more)
                .nextMarker(more ? Integer.toString(range[1]) : null).build();
    }

    private SdkPojo deleteAlias(JsonNode in, Caller caller) {
        String name = required(in, "AliasName");
        if (!name.startsWith("alias/")) {
            throw AwsError.kmsValidation("Alias must start with the prefix \"alias/\". Please see "
                    + "https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html");
        }
        account.requireKmsIdentity(caller, "kms:DeleteAlias", aliasArn(name));
        SandboxState.Alias a = account.state.aliases.get(name);
        if (a == null) {
            throw AwsError.kmsNotFound("Alias " + aliasArn(name) + " is not found.");
        }
        SandboxState.Key k = account.state.keys.get(a.keyId);
        if (k != null) {
            account.requireKey(caller, k, "kms:DeleteAlias", Map.of());
        }
        account.state.aliases.remove(name);
        return null;
    }

    private String aliasArn(String aliasName) {
        return "arn:aws:kms:" + account.region + ":" + account.id() + ":" + aliasName;
    }

    // ---------------------------------------------------------------- cryptography

    private SdkPojo encrypt(JsonNode in, Caller caller) {
        SandboxState.Key k = key(in, true);
        byte[] plaintext = blob(in, "Plaintext");
        if (plaintext.length < 1 || plaintext.length > 4096) {
            throw AwsError.kmsValidation("1 validation error detected: Value at 'plaintext' failed to satisfy "
                    + "constraint: Member must have length between 1 and 4096");
        }
        checkAlgorithm(in);
        account.requireKey(caller, k, "kms:Encrypt", Map.of());
        requireUsable(k, true);
        return EncryptResponse.builder().ciphertextBlob(SdkBytes.fromByteArrayUnsafe(seal(k, plaintext, context(in))))
                .keyId(k.arn).encryptionAlgorithm("SYMMETRIC_DEFAULT").build();
    }

    private SdkPojo decrypt(JsonNode in, Caller caller) {
        byte[] blob = blob(in, "CiphertextBlob");
        checkAlgorithm(in);
        if (blob.length < 1 + 16 + 12 + 16 || blob[0] != CIPHERTEXT_VERSION) {
            throw new AwsError(400, "InvalidCiphertextException", null);
        }
        ByteBuffer buf = ByteBuffer.wrap(blob, 1, 16);
        String keyId = new UUID(buf.getLong(), buf.getLong()).toString();
        purgeDeleted();
        SandboxState.Key k = account.state.keys.get(keyId);
        if (k == null) {
            throw new AwsError(400, "InvalidCiphertextException", null);
        }
        if (in.hasNonNull("KeyId")) {
            SandboxState.Key named = resolve(in.get("KeyId").asText(), true);
            if (!named.keyId.equals(k.keyId)) {
                throw new AwsError(400, "IncorrectKeyException", "The key ID in the request does not identify a "
                        + "CMK that can perform this operation.");
            }
        }
        account.requireKey(caller, k, "kms:Decrypt", Map.of());
        requireUsable(k, true);
        byte[] plaintext = open(k, blob, context(in));
        return DecryptResponse.builder().keyId(k.arn).plaintext(SdkBytes.fromByteArrayUnsafe(plaintext))
                .encryptionAlgorithm("SYMMETRIC_DEFAULT").build();
    }

    private SdkPojo generateDataKey(JsonNode in, Caller caller) {
        SandboxState.Key k = key(in, true);
        int bytes;
        if (in.hasNonNull("KeySpec") == in.hasNonNull("NumberOfBytes")) {
            throw AwsError.kmsValidation("Please specify either number of bytes or key spec.");
        } else if (in.hasNonNull("KeySpec")) {
            String spec = in.get("KeySpec").asText();
            bytes = switch (spec) {
                case "AES_256" -> 32;
                case "AES_128" -> 16;
                default -> throw AwsError.kmsValidation("1 validation error detected: Value '" + spec + "' at "
                        + "'keySpec' failed to satisfy constraint: Member must satisfy enum value set: [AES_256, AES_128]");
            };
        } else {
            bytes = in.get("NumberOfBytes").asInt();
            if (bytes < 1 || bytes > 1024) {
                throw AwsError.kmsValidation("1 validation error detected: Value '" + bytes + "' at 'numberOfBytes' "
                        + "failed to satisfy constraint: Member must have value between 1 and 1024");
            }
        }
        account.requireKey(caller, k, "kms:GenerateDataKey", Map.of());
        requireUsable(k, true);
        byte[] plaintext = new byte[bytes];
        account.random.nextBytes(plaintext);
        return GenerateDataKeyResponse.builder().plaintext(SdkBytes.fromByteArrayUnsafe(plaintext))
                .ciphertextBlob(SdkBytes.fromByteArrayUnsafe(seal(k, plaintext, context(in)))).keyId(k.arn).build();
    }

    private static void checkAlgorithm(JsonNode in) {
        String alg = text(in, "EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
        if (!"SYMMETRIC_DEFAULT".equals(alg)) {
            throw new AwsError(400, "InvalidKeyUsageException", "The sandbox's symmetric keys support only "
                    + "SYMMETRIC_DEFAULT.");
        }
    }

    /** Version byte, the key's id (so Decrypt finds the key without being told), IV, AES-GCM ciphertext and tag. */
    private byte[] seal(SandboxState.Key k, byte[] plaintext, byte[] aad) {
        try {
            byte[] iv = new byte[12];
            account.random.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(k.material), "AES"),
                    new GCMParameterSpec(128, iv));
            c.updateAAD(aad);
            byte[] sealed = c.doFinal(plaintext);
            UUID id = UUID.fromString(k.keyId);
            return ByteBuffer.allocate(1 + 16 + 12 + sealed.length).put(CIPHERTEXT_VERSION)
                    .putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).put(iv).put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new AwsError(500, "KMSInternalException", "Encryption failed.");
        }
    }

    private static byte[] open(SandboxState.Key k, byte[] blob, byte[] aad) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(k.material), "AES"),
                    new GCMParameterSpec(128, blob, 17, 12));
            c.updateAAD(aad);
            return c.doFinal(blob, 29, blob.length - 29);
        } catch (GeneralSecurityException e) {
            throw new AwsError(400, "InvalidCiphertextException", null);
        }
    }

    /** The encryption context, sorted, as additional authenticated data: a different context fails Decrypt. */
    private static byte[] context(JsonNode in) {
        TreeMap<String, String> ctx = new TreeMap<>();
        JsonNode node = in.get("EncryptionContext");
        if (node != null && node.isObject()) {
            node.fields().forEachRemaining(e -> ctx.put(e.getKey(), e.getValue().asText()));
        }
        try {
            return WireFormat.JSON.writeValueAsBytes(ctx);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- helpers

    private void requireUsable(SandboxState.Key k, boolean forCrypto) {
        if ("PendingDeletion".equals(k.state)) {
            throw AwsError.kmsInvalidState(k.arn + " is pending deletion.");
        }
        if (forCrypto && "Disabled".equals(k.state)) {
            throw new AwsError(400, "DisabledException", k.arn + " is disabled.");
        }
    }

    private SandboxState.Key key(JsonNode in, boolean aliasAllowed) {
        return resolve(required(in, "KeyId"), aliasAllowed);
    }

    /** A key by id, key ARN, and where allowed alias name or alias ARN. */
    SandboxState.Key resolve(String id, boolean aliasAllowed) {
        purgeDeleted();
        String keyPrefix = "arn:aws:kms:" + account.region + ":" + account.id() + ":key/";
        String aliasPrefix = "arn:aws:kms:" + account.region + ":" + account.id() + ":alias/";
        if (aliasAllowed && (id.startsWith("alias/") || id.startsWith(aliasPrefix))) {
            String name = id.startsWith("alias/") ? id : id.substring(aliasPrefix.length() - "alias/".length());
            SandboxState.Alias a = account.state.aliases.get(name);
            SandboxState.Key k = a == null ? null : account.state.keys.get(a.keyId);
            if (k == null) {
                throw AwsError.kmsNotFound("Alias " + aliasArn(name) + " is not found.");
            }
            return k;
        }
        String keyId = id.startsWith(keyPrefix) ? id.substring(keyPrefix.length()) : id;
        if (!UUID_FORM.matcher(keyId).matches()) {
            throw AwsError.kmsNotFound("Invalid keyId '" + id + "'");
        }
        SandboxState.Key k = account.state.keys.get(keyId);
        if (k == null) {
            throw AwsError.kmsNotFound("Key '" + keyPrefix + keyId + "' does not exist");
        }
        return k;
    }

    /** Keys whose waiting period is over are gone, with their aliases. */
    private void purgeDeleted() {
        long now = account.now();
        Iterator<SandboxState.Key> it = account.state.keys.values().iterator();
        while (it.hasNext()) {
            SandboxState.Key k = it.next();
            if ("PendingDeletion".equals(k.state) && k.deletionDate <= now) {
                it.remove();
                account.state.aliases.values().removeIf(a -> a.keyId.equals(k.keyId));
            }
        }
    }

    private KeyMetadata metadata(SandboxState.Key k) {
        boolean pending = "PendingDeletion".equals(k.state);
        return KeyMetadata.builder().awsAccountId(account.id()).keyId(k.keyId).arn(k.arn)
                .creationDate(Instant.ofEpochMilli(k.created)).enabled("Enabled".equals(k.state))
                .description(k.description).keyUsage("ENCRYPT_DECRYPT").keyState(k.state).origin("AWS_KMS")
                .keyManager("CUSTOMER").customerMasterKeySpec("SYMMETRIC_DEFAULT").keySpec("SYMMETRIC_DEFAULT")
                .encryptionAlgorithmsWithStrings("SYMMETRIC_DEFAULT").multiRegion(false)
                .deletionDate(pending ? Instant.ofEpochMilli(k.deletionDate) : null)
                .pendingDeletionWindowInDays(pending ? k.pendingWindowDays : null).build();
    }

    /** KMS tags: key 1–128, value 0–256 characters; {@code aws:} keys are reserved. */
    private static Map<String, String> tags(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null || !node.isArray()) {
            return out;
        }
        for (JsonNode t : node) {
            String k = t.path("TagKey").asText("");
            String v = t.path("TagValue").asText("");
            if (k.isEmpty() || k.length() > 128 || v.length() > 256) {
                throw new AwsError(400, "TagException", "Tag keys must be 1 to 128 characters and tag values 0 to 256 "
                        + "characters.");
            }
            if (k.toLowerCase(Locale.ROOT).startsWith("aws:")) {
                throw new AwsError(400, "TagException", "Tag keys beginning with 'aws:' are reserved.");
            }
            out.put(k, v);
        }
        return out;
    }

    private static int[] page(JsonNode in, int size) {
        int limit = in.has("Limit") ? in.get("Limit").asInt() : 100;
        if (limit < 1 || limit > 1000) {
            throw AwsError.kmsValidation("1 validation error detected: Value '" + limit + "' at 'limit' failed to "
                    + "satisfy constraint: Member must have value between 1 and 1000");
        }
        int start = 0;
        if (in.hasNonNull("Marker")) {
            try {
                start = Integer.parseInt(in.get("Marker").asText());
            } catch (NumberFormatException e) {
                throw new AwsError(400, "InvalidMarkerException", "Invalid marker.");
            }
        }
        start = Math.min(Math.max(0, start), size);
        return new int[] {start, Math.min(size, start + limit)};
    }

    private static String text(JsonNode in, String field, String dflt) {
        JsonNode n = in.get(field);
        return n == null || n.isNull() ? dflt : n.asText();
    }

    private static String required(JsonNode in, String field) {
        JsonNode n = in.get(field);
        if (n == null || n.isNull()) {
            throw AwsError.kmsValidation("1 validation error detected: Value null at '" + QueryParams.lowerFirst(field)
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return n.asText();
    }

    private static byte[] blob(JsonNode in, String field) {
        try {
            return Base64.getDecoder().decode(required(in, field));
        } catch (IllegalArgumentException e) {
            throw new AwsError(400, "SerializationException", "Could not read " + field + " as base64.");
        }
    }
}
