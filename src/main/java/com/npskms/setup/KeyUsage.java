package com.npskms.setup;

/**
 * The rotation's usage check: has NPS used the new key since it was created, and is the old key still in
 * use (its last use after the new key was created)? {@code summary} says it in plain words.
 */
public record KeyUsage(AccessKeyInfo newKey, AccessKeyInfo oldKey, boolean newKeyUsed, boolean oldKeyStillUsed,
                       String summary) {

    /** True when it looks safe to deactivate the old key: the new one is used and the old one no longer. */
    public boolean switched() {
        return newKeyUsed && !oldKeyStillUsed;
    }
}
