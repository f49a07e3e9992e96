package com.npskms.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import org.controlsfx.validation.Severity;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;

/**
 * Validation at the field: each rule gives the rule's message or nothing; the message shows under the field,
 * ControlsFX decorates the field, and {@link #invalid()} is true while any field breaks its rule (Next blocked).
 */
public final class FieldRules {
    private final ValidationSupport support = new ValidationSupport();
    private final List<ObservableBooleanValue> failing = new ArrayList<>();
    private final BooleanProperty invalid = new SimpleBooleanProperty(false);

    /** Checks {@code field} with {@code rule}, showing its message in {@code message}. */
    public void add(TextInputControl field, Label message, Function<String, Optional<String>> rule) {
        add(field, message, rule, null);
    }

    /** The same, checked only while {@code active} is true (a password field used only with console access). */
    public void add(TextInputControl field, Label message, Function<String, Optional<String>> rule,
                    ObservableBooleanValue active) {
        message.getStyleClass().add("field-message");
        message.setWrapText(true);
        BooleanBinding broken = Bindings.createBooleanBinding(() -> {
            boolean on = active == null || active.get();
            Optional<String> problem = on ? rule.apply(field.getText() == null ? "" : field.getText()) : Optional.empty();
            message.setText(problem.orElse(""));
            message.setVisible(problem.isPresent());
            message.setManaged(problem.isPresent());
            field.pseudoClassStateChanged(States.INVALID, problem.isPresent());
            return problem.isPresent();
        }, active == null ? new javafx.beans.Observable[] {field.textProperty()}
                : new javafx.beans.Observable[] {field.textProperty(), active});
        failing.add(broken);
        support.registerValidator(field, false, (javafx.scene.control.Control c, String v) -> {
            boolean on = active == null || active.get();
            Optional<String> problem = on ? rule.apply(v == null ? "" : v) : Optional.empty();
            return ValidationResult.fromMessageIf(c, problem.orElse(""), Severity.ERROR, problem.isPresent());
        });
        broken.addListener((o, a, b) -> recompute());
        broken.get();
        recompute();
    }

    private void recompute() {
        invalid.set(failing.stream().anyMatch(ObservableBooleanValue::get));
    }

    /** True while any checked field breaks its rule. */
    public BooleanProperty invalid() {
        return invalid;
    }

    /** Re-evaluates every rule (after something they depend on changed). */
    public void revalidate() {
        support.revalidate();
        recompute();
    }
}
