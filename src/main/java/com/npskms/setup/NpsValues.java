package com.npskms.setup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The four values Netwrix Privilege Secure's "Rotate AWS Key" asks for, in its order: access key id,
 * secret access key, KMS key ARN, AWS region. {@link #toString()} masks the secret.
 */
public record NpsValues(String accessKeyId, SecretText secretAccessKey, String kmsKeyArn, String region) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The field labels NPS shows, in its order. */
    public static final String[] LABELS = {"Access key ID", "Secret access key", "KMS key ARN", "AWS region"};

    /** A JSON summary with NPS's four values; the secret only when {@code includeSecret}, else masked. */
    public String toJson(boolean includeSecret) {
        ObjectNode o = JSON.createObjectNode();
        o.put("accessKeyId", accessKeyId);
        o.put("secretAccessKey", secret(includeSecret));
        o.put("kmsKeyArn", kmsKeyArn);
        o.put("region", region);
        try {
            return JSON.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "Label: value" lines in NPS's order; the secret only when {@code includeSecret}, else masked. */
    public String toText(boolean includeSecret) {
        String[] values = {accessKeyId, secret(includeSecret), kmsKeyArn, region};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < LABELS.length; i++) {
            sb.append(LABELS[i]).append(": ").append(values[i] == null ? "" : values[i]).append('\n');
        }
        return sb.toString();
    }

    private String secret(boolean includeSecret) {
        if (secretAccessKey == null) {
            return null;
        }
        return includeSecret ? secretAccessKey.reveal() : SecretText.MASK;
    }

    @Override
    public String toString() {
        return "NpsValues[accessKeyId=" + accessKeyId + ", secretAccessKey=" + SecretText.MASK
                + ", kmsKeyArn=" + kmsKeyArn + ", region=" + region + "]";
    }
}
