package com.npskms.ui;

import com.npskms.aws.Problem;
import com.npskms.aws.ProblemException;
import com.npskms.ui.common.States;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/**
 * The window around the pages: step list, page area, Back / Next / Cancel, spinner and sandbox badge.
 * Built in code, not FXML: it is on screen at every start, and the first use of FXMLLoader (XML parser,
 * reflection) costs more than this whole window (see {@link FxmlFile}).
 */
public final class MainWindow {
    private final Wizard wizard;
    private boolean enterHeld;

    private final VBox stepList = new VBox();
    private final Label pageTitle = new Label();
    private final Label sidebarSandboxBadge = new Label(Messages.text("sandbox.badge"));
    private final Label headerSandboxBadge = new Label(Messages.text("sandbox.badge"));
    private final ScrollPane pageScroll = new ScrollPane();
    private final StackPane pageHolder = new StackPane();
    private final Button cancelButton = new Button(Messages.text("button.cancel"));
    private final Button backButton = new Button(Messages.text("button.back"));
    private final Button nextButton = new Button(Messages.text("button.next"));
    private final StackPane spinnerHolder = new StackPane();
    /** Made on first use: an idle window needs no animation classes. */
    private ProgressIndicator spinner;
    private final Label statusLabel = new Label();
    private final Label backNote = new Label(Messages.text("step.backNote"));
    private final BorderPane root = new BorderPane();

    public MainWindow(Wizard wizard) {
        this.wizard = wizard;
        layOut();
        initialize();
    }

    /** The window's content, for its scene. */
    public Parent root() {
        return root;
    }

    private void layOut() {
        root.getStyleClass().add("wizard-window");

        Label appTitle = styled(new Label(Messages.text("app.title")), "app-title");
        appTitle.setWrapText(true);
        Label appSubtitle = styled(new Label(Messages.text("app.subtitle")), "app-subtitle");
        appSubtitle.setWrapText(true);
        named(styled(stepList, "step-list"), "stepList").setAccessibleText(Messages.text("main.steps"));
        Region filler = new Region();
        VBox.setVgrow(filler, Priority.ALWAYS);
        for (Label badge : List.of(sidebarSandboxBadge, headerSandboxBadge)) {
            styled(badge, "sandbox-badge").setAccessibleText(Messages.text("sandbox.badgeAccessible"));
        }
        named(sidebarSandboxBadge, "sidebarSandboxBadge");
        VBox sidebar = styled(new VBox(appTitle, appSubtitle, stepList, filler, sidebarSandboxBadge), "sidebar");
        sidebar.setMinWidth(190);
        sidebar.setPrefWidth(210);
        sidebar.setMaxWidth(240);
        root.setLeft(sidebar);

        named(styled(pageTitle, "page-title"), "pageTitle").setWrapText(true);
        pageTitle.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(pageTitle, Priority.ALWAYS);
        named(headerSandboxBadge, "headerSandboxBadge").setMinWidth(Region.USE_PREF_SIZE);
        HBox header = styled(new HBox(12, pageTitle, headerSandboxBadge), "page-header");
        header.setAlignment(Pos.CENTER_LEFT);
        named(styled(backNote, "note"), "backNote").getStyleClass().add("back-note");
        backNote.setWrapText(true);
        backNote.setMaxWidth(Double.MAX_VALUE);
        VBox.setMargin(backNote, new Insets(0, 24, 6, 24));
        named(styled(pageHolder, "page-holder"), "pageHolder");
        named(styled(pageScroll, "page-scroll"), "pageScroll").setFitToWidth(true);
        pageScroll.setContent(pageHolder);
        VBox.setVgrow(pageScroll, Priority.ALWAYS);
        root.setCenter(styled(new VBox(header, backNote, pageScroll), "page-area"));

        named(cancelButton, "cancelButton").setCancelButton(true);
        cancelButton.setOnAction(e -> cancel());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        named(spinnerHolder, "spinnerHolder").setPrefSize(22, 22);
        named(styled(statusLabel, "status-label"), "statusLabel").setWrapText(true);
        statusLabel.setMaxWidth(360);
        named(backButton, "backButton").setOnAction(e -> wizard.back());
        named(styled(nextButton, "accent"), "nextButton").setDefaultButton(true);
        nextButton.setOnAction(e -> wizard.next());
        HBox buttons = styled(new HBox(10, cancelButton, gap, spinnerHolder, statusLabel, backButton, nextButton),
                "button-bar");
        buttons.setAlignment(Pos.CENTER_LEFT);
        root.setBottom(buttons);
    }

    private static <N extends javafx.scene.Node> N styled(N node, String styleClass) {
        node.getStyleClass().add(styleClass);
        return node;
    }

    /** The id tests and stylesheets look the node up by. */
    private static <N extends javafx.scene.Node> N named(N node, String id) {
        node.setId(id);
        return node;
    }

    private void initialize() {
        for (Label badge : List.of(sidebarSandboxBadge, headerSandboxBadge)) {
            badge.visibleProperty().bind(wizard.session().sandboxActiveProperty());
            badge.managedProperty().bind(badge.visibleProperty());
        }
        // The spinner appears only when work takes a moment, so quick answers do not flicker.
        javafx.animation.PauseTransition spinnerDelay = new javafx.animation.PauseTransition(Duration.millis(250));
        spinnerDelay.setOnFinished(e -> {
            if (wizard.processingProperty().get()) {
                if (spinner == null) {
                    spinner = new ProgressIndicator();
                    spinner.getStyleClass().add("busy");
                    spinner.setAccessibleText(Messages.text("main.busy"));
                    spinner.setPrefSize(22, 22);
                    spinner.setMaxSize(22, 22);
                    spinnerHolder.getChildren().add(spinner);
                }
                spinner.setVisible(true);
            }
        });
        wizard.processingProperty().addListener((o, was, busy) -> {
            if (busy) {
                spinnerDelay.playFromStart();
            } else {
                spinnerDelay.stop();
                if (spinner != null) {
                    spinner.setVisible(false);
                }
            }
        });
        statusLabel.textProperty().bind(wizard.statusProperty());
        wizard.pageProperty().addListener((o, old, p) -> showPage(p));
        wizard.flowProperty().addListener((o, old, f) -> renderSteps());
        wizard.session().completedStepsChanged().addListener((javafx.beans.Observable o) -> renderSteps());
        // Enter means Next wherever the focus is (radio buttons, check boxes, lists and buttons would
        // otherwise swallow it); only text areas keep their new lines and an open list its choice.
        // Space still presses the focused button.
        nextButton.sceneProperty().addListener((o, old, scene) -> {
            if (scene != null) {
                scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, this::enterMeansNext);
                scene.windowProperty().addListener((ow, a, w) -> {
                    if (w != null) {
                        // A release that went to a dialog must not leave Enter looking held.
                        w.focusedProperty().addListener((of, was, is) -> enterHeld = false);
                    }
                });
                scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_RELEASED, e -> {
                    if (e.getCode() == javafx.scene.input.KeyCode.ENTER) {
                        enterHeld = false;
                    }
                });
            }
        });
        backButton.setAccessibleHelp(Messages.text("button.back.help"));
        nextButton.setAccessibleHelp(Messages.text("button.next.help"));
        cancelButton.setAccessibleHelp(Messages.text("button.cancel.help"));
    }

    private void showPage(Page p) {
        WizardPage c = wizard.controller(p);
        pageHolder.getChildren().setAll(wizard.view(p));
        pageScroll.setVvalue(0);
        pageTitle.setText(p.title());
        nextButton.textProperty().bind(c.nextTextProperty());
        nextButton.disableProperty().bind(wizard.processingProperty().or(c.blockedProperty()));
        backButton.disableProperty().bind(Bindings.createBooleanBinding(() -> !wizard.canGoBack(),
                wizard.processingProperty(), wizard.session().createdProperty(), c.backAllowedProperty(),
                wizard.pageProperty()).or(wizard.processingProperty()));
        backNote.visibleProperty().bind(wizard.session().createdProperty()
                .and(wizard.session().finishedProperty().not())
                .and(Bindings.createBooleanBinding(() -> p != Page.RESULT && p != Page.START)));
        backNote.managedProperty().bind(backNote.visibleProperty());
        backNote.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        cancelButton.textProperty().bind(Bindings.when(wizard.session().finishedProperty())
                .then(Messages.text("button.close")).otherwise(Messages.text("button.cancel")));
        renderSteps();
        javafx.application.Platform.runLater(() -> focusFirst(wizard.view(p)));
    }

    /** Keyboard users start in the page's first field; with none, on Next. */
    private void focusFirst(javafx.scene.Parent view) {
        javafx.scene.Node first = firstField(view);
        if (first != null) {
            first.requestFocus();
        } else if (!nextButton.isDisabled()) {
            nextButton.requestFocus();
        }
    }

    private static javafx.scene.Node firstField(javafx.scene.Parent parent) {
        for (javafx.scene.Node n : parent.getChildrenUnmodifiable()) {
            if (!n.isVisible() || n.isDisabled()) {
                continue;
            }
            if (n instanceof javafx.scene.control.TextInputControl t && t.isEditable()) {
                return n;
            }
            if (n instanceof javafx.scene.Parent p && !(n instanceof javafx.scene.control.Control)) {
                javafx.scene.Node inner = firstField(p);
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    private void renderSteps() {
        List<Page> flow = wizard.flowPages();
        int current = flow.indexOf(wizard.pageProperty().get());
        stepList.getChildren().clear();
        for (int i = 0; i < flow.size(); i++) {
            Page p = flow.get(i);
            boolean done = i < current || (p.step() != null && wizard.session().isCompleted(p.step()));
            Label marker = new Label(done && i != current ? "✓" : Integer.toString(i + 1));
            marker.getStyleClass().add("step-marker");
            Label name = new Label(p.title());
            name.getStyleClass().add("step-name");
            name.setWrapText(true);
            HBox item = new HBox(10, marker, name);
            item.getStyleClass().add("step-item");
            item.pseudoClassStateChanged(States.DONE, done && i != current);
            item.pseudoClassStateChanged(States.CURRENT, i == current);
            item.setAccessibleText(p.title() + ": " + Messages.text(i == current ? "main.step.current"
                    : done ? "main.step.done" : "main.step.pending"));
            stepList.getChildren().add(item);
        }
    }

    private void enterMeansNext(javafx.scene.input.KeyEvent e) {
        if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE && !e.isShiftDown() && !e.isControlDown()
                && !e.isAltDown()) {
            // Esc means Cancel, even from a list or field that would keep it for itself; an open list closes first.
            javafx.scene.Node owner = nextButton.getScene().getFocusOwner();
            if (!(owner instanceof javafx.scene.control.ComboBoxBase<?> c && c.isShowing())) {
                e.consume();
                cancel();
            }
            return;
        }
        if (e.getCode() != javafx.scene.input.KeyCode.ENTER || e.isShiftDown() || e.isControlDown() || e.isAltDown()) {
            return;
        }
        javafx.scene.Node owner = nextButton.getScene().getFocusOwner();
        if (enterHeld && !(owner instanceof javafx.scene.control.TextArea)) {
            // A held-down Enter repeats: one press is one Next, so pages are never skipped unseen.
            e.consume();
            return;
        }
        enterHeld = true;
        boolean keepsEnter = owner instanceof javafx.scene.control.TextArea
                || (owner instanceof javafx.scene.control.ComboBoxBase<?> c && c.isShowing());
        if (!keepsEnter) {
            e.consume();
            if (!nextButton.isDisabled()) {
                nextButton.fire();
            }
        }
    }

    /** Cancel (Esc) or the window's close box: asks whether to roll back what this run created. */
    void cancel() {
        if (wizard.session().finishedProperty().get() || !wizard.session().createdSomething()) {
            close();
            return;
        }
        ButtonType rollBack = new ButtonType(Messages.text("cancel.rollBack"), ButtonBar.ButtonData.OK_DONE);
        ButtonType keep = new ButtonType(Messages.text("cancel.keep"), ButtonBar.ButtonData.OTHER);
        ButtonType stay = new ButtonType(Messages.text("cancel.continue"), ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, Messages.format("cancel.question",
                wizard.session().createdSummary()) + (wizard.session().state().keyCreated
                ? "\n\n" + Messages.format("cancel.keyNote", wizard.session().state().deletionWindowDays) : ""),
                rollBack, keep, stay);
        ask.setTitle(Messages.text("cancel.title"));
        ask.setHeaderText(Messages.text("cancel.header"));
        ask.initOwner(stage());
        ask.getDialogPane().getStylesheets().addAll(stage().getScene().getStylesheets());
        ask.getDialogPane().setMinWidth(560);
        for (ButtonType t : ask.getButtonTypes()) {
            ((Button) ask.getDialogPane().lookupButton(t)).setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        ask.showAndWait().ifPresent(answer -> {
            if (answer == rollBack) {
                rollBackAndRestart();
            } else if (answer == keep) {
                close();
            }
        });
    }

    private void rollBackAndRestart() {
        wizard.run(wizard.task(() -> {
                    wizard.session().rollback((message, fraction) ->
                            javafx.application.Platform.runLater(() -> wizard.statusProperty().set(message)));
                    return null;
                })
                .onSuccess(v -> {
                    notify(Messages.text("cancel.rolledBack"));
                    wizard.session().startOver();
                    wizard.goTo(Page.START);
                })
                .onError(ProblemException.class, e -> showProblem(e.problem()))
                .onError(RuntimeException.class, e -> showProblem(SetupSession.problemOf(e,
                        Messages.text("cancel.rollingBack")))));
    }

    private void showProblem(Problem p) {
        Alert alert = new Alert(Alert.AlertType.ERROR, p.toText(), ButtonType.OK);
        alert.setTitle(Messages.text("cancel.title"));
        alert.setHeaderText(p.what());
        alert.initOwner(stage());
        alert.showAndWait();
    }

    /** A short message in the window's corner. */
    public void notify(String text) {
        Notifications.create().owner(stage()).text(text).hideAfter(Duration.seconds(4)).showInformation();
    }

    private Stage stage() {
        return (Stage) nextButton.getScene().getWindow();
    }

    private void close() {
        stage().close();
    }
}
