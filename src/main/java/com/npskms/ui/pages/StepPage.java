package com.npskms.ui.pages;

import com.npskms.aws.Problem;
import com.npskms.aws.ProblemException;
import com.npskms.setup.Existing;
import com.npskms.setup.SetupState;
import com.npskms.setup.StepId;
import com.npskms.ui.Messages;
import com.npskms.ui.SetupSession;
import com.npskms.ui.WizardPage;
import com.npskms.ui.common.FieldRules;
import com.npskms.ui.common.PlanPreview;
import com.npskms.ui.common.ProblemView;
import com.npskms.ui.common.States;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;

/**
 * A page that drives one engine step: fields prefilled from the state, rules at the fields, the
 * "What will be sent" preview, what already exists (reuse or rename), and Next = inspect then run,
 * off the FX thread, with failures shown on the page and Retry.
 */
public abstract class StepPage extends WizardPage {
    @FXML protected PlanPreview plan;
    @FXML protected Label existingNote;
    @FXML protected ProblemView problem;
    protected final FieldRules rules = new FieldRules();
    private SetupState filledFrom;
    private final javafx.animation.PauseTransition recheck = new javafx.animation.PauseTransition(
            javafx.util.Duration.millis(700));

    /** The engine step of this page. */
    protected abstract StepId step();

    /** Shows the state's inputs in the fields. */
    protected abstract void fill(SetupState s);

    /** Writes the fields into the state. */
    protected abstract void apply(SetupState s);

    /** The name field a conflict is solved in (null: the page has none). */
    protected TextInputControl nameField() {
        return null;
    }

    /** Call from {@code initialize()} once the page's rules are added. */
    protected void setUpStep() {
        recheck.setOnFinished(e -> {
            if (!wizard.processingProperty().get() && wizard.pageProperty().get() != null
                    && wizard.pageProperty().get().step() == step()) {
                inspectInBackground();
            }
        });
        blocked.bind(rules.invalid());
        StartPage.show(existingNote, false);
        existingNote.setMaxWidth(Double.MAX_VALUE);
    }

    /** Call when a field changes: the preview follows what would be sent. */
    protected void changed() {
        if (filledFrom != null && !wizard.session().isCompleted(step())) {
            apply(wizard.session().state());
            refreshPlan();
            // What exists was judged for the old input: forget it, and look again once typing pauses.
            if (problem.problem() != null && problem.problem().kind() == Problem.Kind.CONFLICT) {
                problem.clear();
            }
            StartPage.show(existingNote, false);
            recheck.playFromStart();
        }
    }

    @Override
    public void shown() {
        SetupState s = wizard.session().state();
        if (filledFrom != s) {
            filledFrom = null;
            fill(s);
            filledFrom = s;
        }
        problem.clear();
        refreshPlan();
        if (wizard.session().isCompleted(step())) {
            note(Messages.text("step.alreadyDone"), States.SUCCESS);
        } else {
            inspectInBackground();
        }
    }

    @Override
    public void hidden() {
        recheck.stop();
    }

    protected void refreshPlan() {
        try {
            plan.setPlan(wizard.session().plan(step()));
        } catch (RuntimeException e) {
            // The preview is advice; a rule still broken at a field may keep it from being built.
            plan.setPlan(java.util.List.of());
        }
    }

    private void inspectInBackground() {
        if (!wizard.session().hasRun() || rules.invalid().get()) {
            return;
        }
        apply(wizard.session().state());
        String askedFor = nameField() == null ? null : nameField().getText();
        wizard.run(wizard.task(() -> wizard.session().inspect(step()))
                .onSuccess(e -> {
                    // An answer about a name the user has changed since is no answer.
                    if (askedFor == null || askedFor.equals(nameField().getText())) {
                        showExisting(e);
                    }
                })
                .onError(RuntimeException.class, e -> StartPage.show(existingNote, false)));
    }

    /** Shows what exists: nothing (no note), reusable (the note says so), conflict (a problem with Rename). */
    protected void showExisting(Existing e) {
        switch (e.verdict()) {
            case NOTHING -> StartPage.show(existingNote, false);
            case REUSABLE -> note(Messages.format("step.reusable", e.explanation()), States.SUCCESS);
            case CONFLICT -> {
                StartPage.show(existingNote, false);
                problem.show(Problem.of(Problem.Kind.CONFLICT, Messages.text("step.conflict"), e.explanation(),
                        Messages.text(nameField() == null ? "step.conflict.next" : "step.conflict.rename")),
                        actionsForConflict());
            }
            default -> throw new IllegalStateException();
        }
    }

    private Button[] actionsForConflict() {
        if (nameField() == null) {
            return new Button[0];
        }
        Button rename = new Button(Messages.text("step.rename"));
        rename.setOnAction(a -> rename());
        return new Button[] {rename};
    }

    /** Puts a free-looking name in the name field ("name-2") and checks it again. */
    protected void rename() {
        TextInputControl f = nameField();
        f.setText(suggestName(f.getText()));
        f.requestFocus();
        problem.clear();
        inspectInBackground();
    }

    static String suggestName(String name) {
        Matcher m = Pattern.compile("^(.*?)-(\\d+)$").matcher(name);
        if (m.matches()) {
            return m.group(1) + "-" + (Integer.parseInt(m.group(2)) + 1);
        }
        return name + "-2";
    }

    protected void note(String text, javafx.css.PseudoClass state) {
        existingNote.setText(text);
        for (javafx.css.PseudoClass pc : new javafx.css.PseudoClass[] {States.SUCCESS, States.WARNING, States.DANGER}) {
            existingNote.pseudoClassStateChanged(pc, pc == state);
        }
        StartPage.show(existingNote, true);
    }

    /** Outcome of Next's background work. */
    private record Outcome(Existing conflict) {
    }

    @Override
    public void next() {
        SetupSession session = wizard.session();
        if (session.isCompleted(step())) {
            wizard.advance();
            return;
        }
        problem.clear();
        apply(session.state());
        beforeRun();
        wizard.run(wizard.task(() -> {
                    Platform.runLater(() -> wizard.statusProperty().set(Messages.text("step.checking")));
                    Existing existing = session.inspect(step());
                    if (existing.verdict() == Existing.Verdict.CONFLICT) {
                        return new Outcome(existing);
                    }
                    session.runStep(step(), (message, fraction) ->
                            Platform.runLater(() -> progress(message, fraction)));
                    return new Outcome(null);
                })
                .onSuccess(o -> {
                    session.refresh();
                    if (o.conflict() != null) {
                        showExisting(o.conflict());
                    } else {
                        afterRun();
                    }
                })
                .onError(ProblemException.class, e -> failed(e.problem()))
                .onError(RuntimeException.class, e -> failed(SetupSession.problemOf(e, step().title())))
                .andFinally(() -> {
                    wizard.statusProperty().set("");
                    progressEnded();
                }));
    }

    /** On the FX thread, just before the step's work starts. */
    protected void beforeRun() {
    }

    /** On the FX thread with the step's progress. */
    protected void progress(String message, double fraction) {
        wizard.statusProperty().set(message);
    }

    /** On the FX thread after the work ended either way. */
    protected void progressEnded() {
    }

    /** On the FX thread after the step completed: shows the next page. */
    protected void afterRun() {
        wizard.advance();
    }

    protected void failed(Problem p) {
        wizard.session().refresh();
        Button retry = new Button(Messages.text("common.retry"));
        retry.setOnAction(a -> next());
        retry.setDefaultButton(false);
        if (p.kind() == Problem.Kind.CONFLICT && nameField() != null) {
            Button rename = new Button(Messages.text("step.rename"));
            rename.setOnAction(a -> rename());
            problem.show(p, retry, rename, rollBackButton());
        } else {
            problem.show(p, retry, rollBackButton());
        }
        retry.requestFocus();
    }

    private Button rollBackButton() {
        Button b = new Button(Messages.text("step.rollBack"));
        b.setOnAction(a -> wizard.requestCancel());
        b.visibleProperty().bind(wizard.session().createdProperty());
        b.managedProperty().bind(b.visibleProperty());
        return b;
    }
}
