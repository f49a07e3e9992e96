package com.npskms.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NpsValuesTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private final NpsValues values = new NpsValues("AKIAIOSFODNN7EXAMPLE", SecretText.of(SECRET),
            "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", "eu-west-1");

    @Test
    void toStringMasksTheSecret() {
        assertFalse(values.toString().contains(SECRET));
        assertTrue(values.toString().contains("AKIAIOSFODNN7EXAMPLE"));
    }

    @Test
    void textInNpsOrderSecretOnlyWhenAsked() {
        String masked = values.toText(false);
        assertFalse(masked.contains(SECRET));
        String[] lines = values.toText(true).split("\n");
        assertEquals("Access key ID: AKIAIOSFODNN7EXAMPLE", lines[0]);
        assertEquals("Secret access key: " + SECRET, lines[1]);
        assertTrue(lines[2].startsWith("KMS key ARN: arn:aws:kms:"));
        assertEquals("AWS region: eu-west-1", lines[3]);
    }

    @Test
    void jsonSecretOnlyWhenAsked() throws Exception {
        assertFalse(values.toJson(false).contains(SECRET));
        var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(values.toJson(true));
        assertEquals(SECRET, node.get("secretAccessKey").asText());
        assertEquals("eu-west-1", node.get("region").asText());
        var names = new java.util.ArrayList<String>();
        node.fieldNames().forEachRemaining(names::add);
        assertEquals(java.util.List.of("accessKeyId", "secretAccessKey", "kmsKeyArn", "region"), names);
    }
}
