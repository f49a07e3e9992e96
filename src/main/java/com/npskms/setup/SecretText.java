package com.npskms.setup;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.IOException;
import java.util.Arrays;

/**
 * A secret (the secret access key, a console password) held in memory only: masks itself in
 * {@link #toString()}, refuses JSON serialization, and can be wiped.
 */
@JsonSerialize(using = SecretText.Refuse.class)
public final class SecretText {
    /** What {@link #toString()} shows instead of the secret. */
    public static final String MASK = "••••••••";

    private char[] value;

    private SecretText(char[] value) {
        this.value = value;
    }

    /** Wraps a secret; the caller should not keep its own copy. */
    public static SecretText of(String value) {
        return new SecretText(value == null ? new char[0] : value.toCharArray());
    }

    /** The secret itself, for the one place that needs it (an SDK credential, the copy button). */
    public String reveal() {
        if (value == null) {
            throw new IllegalStateException("secret was wiped");
        }
        return new String(value);
    }

    public boolean isEmpty() {
        return value == null || value.length == 0;
    }

    public boolean isWiped() {
        return value == null;
    }

    /** Overwrites the secret in memory; later reveals fail. */
    public void wipe() {
        if (value != null) {
            Arrays.fill(value, '\0');
            value = null;
        }
    }

    /** True when both hold the same secret (constant-time). */
    public boolean sameAs(SecretText other) {
        if (other == null || value == null || other.value == null || value.length != other.value.length) {
            return false;
        }
        int diff = 0;
        for (int i = 0; i < value.length; i++) {
            diff |= value[i] ^ other.value[i];
        }
        return diff == 0;
    }

    @Override
    public String toString() {
        return MASK;
    }

    /** Makes any attempt to write a secret into JSON (journal, export, sandbox state) fail loudly. */
    static final class Refuse extends JsonSerializer<SecretText> {
        @Override
        public void serialize(SecretText v, JsonGenerator g, SerializerProvider p) throws IOException {
            throw new IOException("a secret must never be written to JSON");
        }
    }
}
