package com.npskms.ui.common;

import com.npskms.setup.SecretText;
import java.util.Map;
import javafx.animation.PauseTransition;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.util.Duration;

/**
 * Puts values on the system clipboard; a secret is taken off it again after a delay (60 s by default),
 * but only if the clipboard still holds that secret, so whatever the user copied since is left alone.
 */
public final class ClipboardGuard {
    /** How long a copied secret may stay on the clipboard. */
    public static final Duration DEFAULT_SECRET_LIFETIME = Duration.seconds(60);

    private final Duration secretLifetime;
    private SecretText copiedSecret;
    private PauseTransition timer;

    public ClipboardGuard(Duration secretLifetime) {
        this.secretLifetime = secretLifetime;
    }

    /** Copies a plain value. */
    public void copy(String value) {
        Clipboard.getSystemClipboard().setContent(Map.of(javafx.scene.input.DataFormat.PLAIN_TEXT, value));
    }

    /** Copies a secret and schedules its removal. */
    public void copySecret(SecretText secret) {
        ClipboardContent content = new ClipboardContent();
        content.putString(secret.reveal());
        Clipboard.getSystemClipboard().setContent(content);
        copiedSecret = secret;
        if (timer != null) {
            timer.stop();
        }
        timer = new PauseTransition(secretLifetime);
        timer.setOnFinished(e -> clearSecret());
        timer.play();
    }

    /** Takes the secret off the clipboard now if it is still there (window hidden, lifetime over). */
    public void clearSecret() {
        if (timer != null) {
            timer.stop();
            timer = null;
        }
        SecretText secret = copiedSecret;
        copiedSecret = null;
        if (secret == null || secret.isWiped()) {
            return;
        }
        Clipboard clipboard = Clipboard.getSystemClipboard();
        if (clipboard.hasString() && secret.sameAs(SecretText.of(clipboard.getString()))) {
            clipboard.clear();
        }
    }

    /** True while a copied secret waits to be cleared. */
    public boolean holdsSecret() {
        return copiedSecret != null;
    }
}
