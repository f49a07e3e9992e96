package com.npskms.ui.common;

import com.npskms.setup.SecretText;
import com.npskms.ui.Messages;
import javafx.scene.control.ToggleButton;

/**
 * The secret access key, read-only: masked until Reveal is pressed, copied through the guard that clears
 * the clipboard again, and wiped from the screen when {@link #wipe()} is called.
 */
public final class SecretDisplay extends CopyableValue {
    private final ToggleButton reveal = new ToggleButton(Messages.text("common.reveal"));
    private SecretText secret;

    public SecretDisplay() {
        getStyleClass().add("secret-display");
        reveal.getStyleClass().add("reveal-button");
        reveal.setMinWidth(USE_PREF_SIZE);
        reveal.setAccessibleText(Messages.text("common.revealSecret"));
        reveal.selectedProperty().addListener((o, was, on) -> {
            reveal.setText(Messages.text(on ? "common.hide" : "common.reveal"));
            render();
        });
        getChildren().add(1, reveal);
        render();
    }

    /** Shows this secret (masked). */
    public void setSecret(SecretText secret) {
        this.secret = secret;
        reveal.setSelected(false);
        render();
    }

    public boolean isRevealed() {
        return reveal.isSelected();
    }

    public ToggleButton revealButton() {
        return reveal;
    }

    /** Forgets the secret and blanks the field. */
    public void wipe() {
        secret = null;
        reveal.setSelected(false);
        render();
    }

    @Override
    protected void copyNow() {
        if (secret != null && !secret.isWiped()) {
            clipboard().copySecret(secret);
        }
    }

    private void render() {
        boolean available = secret != null && !secret.isWiped();
        copyButton.setDisable(!available);
        reveal.setDisable(!available);
        if (!available) {
            field.setText("");
        } else {
            field.setText(reveal.isSelected() ? secret.reveal() : SecretText.MASK + SecretText.MASK);
        }
    }
}
