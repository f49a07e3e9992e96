package com.npskms.ui.common;

import com.npskms.setup.PlannedCall;
import com.npskms.ui.Messages;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.VBox;

/** The collapsible "What will be sent" preview: each planned AWS call with its JSON document. */
public final class PlanPreview extends TitledPane {
    private final VBox calls = new VBox(8);

    public PlanPreview() {
        setText(Messages.text("plan.title"));
        getStyleClass().add("plan-preview");
        setExpanded(false);
        setAnimated(false);
        setContent(calls);
    }

    /** Shows these calls. */
    public void setPlan(List<PlannedCall> plan) {
        calls.getChildren().clear();
        if (plan == null || plan.isEmpty()) {
            calls.getChildren().add(new Label(Messages.text("plan.nothing")));
            return;
        }
        for (PlannedCall call : plan) {
            Label head = new Label(call.service() + " " + call.action());
            head.getStyleClass().add("plan-call");
            Label summary = new Label(call.summary());
            summary.setWrapText(true);
            summary.getStyleClass().add("plan-summary");
            calls.getChildren().addAll(head, summary);
            if (call.document() != null && !call.document().isBlank()) {
                TextArea doc = new TextArea(call.document());
                doc.setEditable(false);
                doc.setWrapText(true);
                doc.getStyleClass().add("json");
                doc.setPrefRowCount(Math.min(14, (int) call.document().lines().count() + 1));
                doc.setAccessibleText(Messages.format("plan.document", call.action()));
                calls.getChildren().add(doc);
            }
        }
    }

    /** All text of the preview (for tests and copying). */
    public String text() {
        StringBuilder sb = new StringBuilder();
        calls.getChildren().forEach(n -> {
            if (n instanceof Label l) {
                sb.append(l.getText()).append('\n');
            } else if (n instanceof TextArea t) {
                sb.append(t.getText()).append('\n');
            }
        });
        return sb.toString();
    }
}
