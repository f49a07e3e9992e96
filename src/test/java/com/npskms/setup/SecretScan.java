package com.npskms.setup;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;

/** Looks for a secret in everything a user or a log could see. */
final class SecretScan {
    private SecretScan() {
    }

    @SafeVarargs
    static void assertAbsent(String secret, Collection<String>... places) {
        assertTrue(secret != null && secret.length() >= 8, "a real secret to look for");
        for (Collection<String> place : places) {
            for (String text : place) {
                assertFalse(text != null && text.contains(secret), "secret found in: " + abbreviate(text, secret));
            }
        }
    }

    private static String abbreviate(String text, String secret) {
        return text.replace(secret, "<SECRET>").substring(0, Math.min(200, text.length()));
    }
}
