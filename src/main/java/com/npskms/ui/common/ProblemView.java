package com.npskms.ui.common;

import com.npskms.aws.Problem;
import com.npskms.ui.Messages;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/**
 * A failure on the page in plain words: what failed, why, what to do, buttons for the next action
 * (retry, reuse, rename, roll back), and the AWS details (code, request id) in a collapsed, copyable area.
 */
public final class ProblemView extends VBox {
    private final Label what = new Label();
    private final Label why = new Label();
    private final Label next = new Label();
    private final FlowPane actions = new FlowPane(8, 8);
    private final TextArea details = new TextArea();
    private final TitledPane detailsPane = new TitledPane(Messages.text("problem.details"), details);
    private Problem problem;

    public ProblemView() {
        getStyleClass().add("problem-view");
        setSpacing(6);
        what.getStyleClass().add("problem-what");
        why.getStyleClass().add("problem-why");
        next.getStyleClass().add("problem-next");
        for (Label l : new Label[] {what, why, next}) {
            l.setWrapText(true);
        }
        details.setEditable(false);
        details.setWrapText(true);
        details.setPrefRowCount(4);
        details.setAccessibleText(Messages.text("problem.details"));
        detailsPane.setExpanded(false);
        detailsPane.setAnimated(false);
        detailsPane.getStyleClass().add("problem-details");
        Button copy = new Button(Messages.text("problem.copyDetails"));
        copy.setOnAction(e -> new ClipboardGuard(ClipboardGuard.DEFAULT_SECRET_LIFETIME).copy(details.getText()));
        copy.setAccessibleText(Messages.text("problem.copyDetails"));
        VBox detailBox = new VBox(6, details, copy);
        detailsPane.setContent(detailBox);
        getChildren().addAll(what, why, next, actions, detailsPane);
        clear();
    }

    /** Shows a problem with the actions that make sense for it. */
    public void show(Problem p, Button... nextActions) {
        this.problem = p;
        what.setText(p.what());
        why.setText(p.why().isBlank() ? "" : Messages.format("problem.why", p.why()));
        why.setManaged(!p.why().isBlank());
        why.setVisible(!p.why().isBlank());
        next.setText(p.next().isBlank() ? "" : Messages.format("problem.next", p.next()));
        next.setManaged(!p.next().isBlank());
        next.setVisible(!p.next().isBlank());
        actions.getChildren().setAll(nextActions);
        actions.setManaged(nextActions.length > 0);
        details.setText(detailText(p));
        detailsPane.setExpanded(false);
        setVisible(true);
        setManaged(true);
        javafx.application.Platform.runLater(() -> scrollIntoView(this));
        // Again after the next frame, when the page has its new height.
        if (getScene() != null) {
            Runnable once = new Runnable() {
                @Override
                public void run() {
                    getScene().removePostLayoutPulseListener(this);
                    javafx.application.Platform.runLater(() -> scrollIntoView(ProblemView.this));
                }
            };
            getScene().addPostLayoutPulseListener(once);
        }
    }

    /** Scrolls the page so a node (a problem just shown) is in view. */
    public static void scrollIntoView(javafx.scene.Node node) {
        javafx.scene.Parent p = node.getParent();
        while (p != null && !(p instanceof javafx.scene.control.ScrollPane)) {
            p = p.getParent();
        }
        if (p instanceof javafx.scene.control.ScrollPane scroll && scroll.getContent() != null) {
            scroll.applyCss();
            scroll.layout();
            double contentHeight = scroll.getContent().getBoundsInLocal().getHeight();
            double viewport = scroll.getViewportBounds().getHeight();
            if (contentHeight <= viewport) {
                return;
            }
            javafx.geometry.Bounds b = scroll.getContent().sceneToLocal(node.localToScene(node.getBoundsInLocal()));
            double target = Math.min(1, Math.max(0, (b.getMaxY() - viewport) / (contentHeight - viewport)));
            if (b.getMinY() < scroll.getVvalue() * (contentHeight - viewport) || target > scroll.getVvalue()) {
                scroll.setVvalue(target);
            }
        }
    }

    /** Hides the view. */
    public void clear() {
        problem = null;
        setVisible(false);
        setManaged(false);
        actions.getChildren().clear();
    }

    /** The problem shown, or null. */
    public Problem problem() {
        return problem;
    }

    public TitledPane detailsPane() {
        return detailsPane;
    }

    public String detailsText() {
        return details.getText();
    }

    private static String detailText(Problem p) {
        StringBuilder sb = new StringBuilder();
        sb.append(Messages.text("problem.detail.kind")).append(' ').append(p.kind()).append('\n');
        sb.append(Messages.text("problem.detail.code")).append(' ')
                .append(p.awsCode() == null ? "-" : p.awsCode()).append('\n');
        sb.append(Messages.text("problem.detail.requestId")).append(' ')
                .append(p.requestId() == null ? "-" : p.requestId()).append('\n');
        sb.append(p.toText());
        return sb.toString();
    }
}
