package com.npskms.ui.common;

import com.npskms.ui.Messages;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Key/value tags: rows of two fields with a remove button, "Add tag", and each row's rule shown under it. */
public final class TagEditor extends VBox {
    private final VBox rows = new VBox(6);
    private final BooleanProperty invalid = new SimpleBooleanProperty(false);
    private final Function<String, Optional<String>> keyRule;
    private final Function<String, Optional<String>> valueRule;
    private Runnable onChange = () -> { };

    public TagEditor(Function<String, Optional<String>> keyRule, Function<String, Optional<String>> valueRule) {
        this.keyRule = keyRule;
        this.valueRule = valueRule;
        setSpacing(6);
        getStyleClass().add("tag-editor");
        Button add = new Button(Messages.text("tags.add"));
        add.setMnemonicParsing(true);
        add.setId("addTag");
        add.setOnAction(e -> addRow("", "").getChildren().get(0).requestFocus());
        getChildren().addAll(rows, add);
    }

    /** Called whenever a tag changes. */
    public void setOnChange(Runnable r) {
        this.onChange = r;
    }

    /** Shows these tags. */
    public void setTags(Map<String, String> tags) {
        rows.getChildren().clear();
        tags.forEach(this::addRow);
        check();
    }

    /** The tags typed, in order, rows with an empty key left out. */
    public Map<String, String> tags() {
        Map<String, String> map = new LinkedHashMap<>();
        for (var n : rows.getChildren()) {
            Row r = (Row) n;
            if (!r.key.getText().isBlank()) {
                map.put(r.key.getText().trim(), r.value.getText());
            }
        }
        return map;
    }

    /** True while a tag breaks a rule. */
    public BooleanProperty invalidProperty() {
        return invalid;
    }

    private Row addRow(String k, String v) {
        Row row = new Row(k, v);
        rows.getChildren().add(row);
        check();
        return row;
    }

    private void check() {
        boolean bad = false;
        for (var n : rows.getChildren()) {
            bad |= ((Row) n).check();
        }
        invalid.set(bad);
    }

    private final class Row extends VBox {
        final TextField key = new TextField();
        final TextField value = new TextField();
        final Label message = new Label();

        Row(String k, String v) {
            super(2);
            key.setText(k);
            value.setText(v);
            key.getStyleClass().add("tag-key");
            value.getStyleClass().add("tag-value");
            key.setPromptText(Messages.text("tags.key"));
            value.setPromptText(Messages.text("tags.value"));
            key.setAccessibleText(Messages.text("tags.key"));
            value.setAccessibleText(Messages.text("tags.value"));
            Button remove = new Button("✕");
            remove.setAccessibleText(Messages.text("tags.remove"));
            remove.setTooltip(new javafx.scene.control.Tooltip(Messages.text("tags.remove")));
            remove.setOnAction(e -> {
                rows.getChildren().remove(this);
                TagEditor.this.check();
                onChange.run();
            });
            HBox.setHgrow(key, Priority.ALWAYS);
            HBox.setHgrow(value, Priority.ALWAYS);
            HBox line = new HBox(6, key, value, remove);
            message.getStyleClass().add("field-message");
            message.setWrapText(true);
            getChildren().addAll(line, message);
            key.textProperty().addListener((o, a, b) -> {
                TagEditor.this.check();
                onChange.run();
            });
            value.textProperty().addListener((o, a, b) -> {
                TagEditor.this.check();
                onChange.run();
            });
        }

        boolean check() {
            Optional<String> p = key.getText().isBlank() && value.getText().isEmpty() ? Optional.empty()
                    : keyRule.apply(key.getText().trim()).or(() -> valueRule.apply(value.getText()));
            message.setText(p.orElse(""));
            message.setVisible(p.isPresent());
            message.setManaged(p.isPresent());
            key.pseudoClassStateChanged(States.INVALID, p.isPresent());
            return p.isPresent();
        }
    }
}
