package com.npskms.ui.common;

import com.npskms.ui.Messages;
import javafx.animation.PauseTransition;
import javafx.beans.property.StringProperty;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.Duration;

/** A read-only value with a Copy button that answers "Copied" for a moment. */
public class CopyableValue extends HBox {
    protected final TextField field = new TextField();
    protected final Button copyButton = new Button(Messages.text("common.copy"));
    private ClipboardGuard clipboard;

    public CopyableValue() {
        getStyleClass().add("copyable-value");
        setSpacing(8);
        field.setEditable(false);
        field.getStyleClass().add("value-field");
        HBox.setHgrow(field, Priority.ALWAYS);
        copyButton.getStyleClass().add("copy-button");
        copyButton.setMinWidth(USE_PREF_SIZE);
        copyButton.setOnAction(e -> {
            copyNow();
            showCopied();
        });
        getChildren().addAll(field, copyButton);
    }

    /** The clipboard used by Copy (the window's one, so secrets are cleared). */
    public void setClipboard(ClipboardGuard clipboard) {
        this.clipboard = clipboard;
    }

    protected ClipboardGuard clipboard() {
        if (clipboard == null) {
            clipboard = new ClipboardGuard(ClipboardGuard.DEFAULT_SECRET_LIFETIME);
        }
        return clipboard;
    }

    protected void copyNow() {
        clipboard().copy(getValue());
    }

    /** What the field shows. */
    public StringProperty valueProperty() {
        return field.textProperty();
    }

    public String getValue() {
        return field.getText();
    }

    public void setValue(String value) {
        field.setText(value);
    }

    /** Names the value for screen readers and the Copy button ("Copy Access key ID"). */
    public void setAccessibleName(String name) {
        field.setAccessibleText(name);
        copyButton.setAccessibleText(Messages.format("common.copyNamed", name));
    }

    public Button copyButton() {
        return copyButton;
    }

    private void showCopied() {
        copyButton.setText(Messages.text("common.copied"));
        copyButton.pseudoClassStateChanged(States.SUCCESS, true);
        PauseTransition back = new PauseTransition(Duration.seconds(2));
        back.setOnFinished(e -> {
            copyButton.setText(Messages.text("common.copy"));
            copyButton.pseudoClassStateChanged(States.SUCCESS, false);
        });
        back.play();
    }
}
