package com.npskms.setup;

import java.time.Instant;

/** An access key just created by the rotation: the secret is shown once and masked in {@link #toString()}. */
public record NewAccessKey(String accessKeyId, SecretText secretAccessKey, Instant created) {
    @Override
    public String toString() {
        return "NewAccessKey[accessKeyId=" + accessKeyId + ", secretAccessKey=" + SecretText.MASK + ", created=" + created + "]";
    }
}
