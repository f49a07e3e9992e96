package com.npskms.ui.pages;

import com.npskms.aws.Problem;
import com.npskms.setup.SetupState;
import com.npskms.setup.StepId;
import com.npskms.setup.Verification;
import com.npskms.ui.Messages;
import com.npskms.ui.common.States;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * Step 6: an encrypt → decrypt round trip with the NPS user's own credentials, waiting out IAM/KMS
 * propagation; shows what it is doing and how long it has waited. Starts by itself.
 */
public final class VerifyPage extends StepPage {
    @FXML private VBox progressCard;
    @FXML private Label doing;
    @FXML private ProgressBar bar;
    @FXML private Label waited;
    @FXML private Label simulationNote;
    private Timeline clock;
    private long startedAt;

    @FXML
    private void initialize() {
        setUpStep();
        StartPage.show(simulationNote, false);
        simulationNote.setMaxWidth(Double.MAX_VALUE);
    }

    @Override
    protected StepId step() {
        return StepId.VERIFY;
    }

    @Override
    protected void fill(SetupState s) {
    }

    @Override
    protected void apply(SetupState s) {
    }

    @Override
    public void shown() {
        super.shown();
        if (wizard.session().isCompleted(step())) {
            showVerified();
        } else {
            nextText.set(Messages.text("verify.button.verify"));
            next();
        }
    }

    @Override
    protected void showExisting(com.npskms.setup.Existing e) {
        // Verify creates nothing; there is nothing to reuse.
    }

    @Override
    protected void beforeRun() {
        StartPage.show(existingNote, false);
        StartPage.show(simulationNote, false);
        StartPage.show(progressCard, true);
        doing.setText(Messages.text("verify.starting"));
        bar.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
        startedAt = System.nanoTime();
        waited.setText(Messages.format("verify.waited", 0));
        clock = new Timeline(new KeyFrame(Duration.seconds(1), e -> waited.setText(
                Messages.format("verify.waited", (System.nanoTime() - startedAt) / 1_000_000_000L))));
        clock.setCycleCount(Timeline.INDEFINITE);
        clock.play();
    }

    @Override
    protected void progress(String message, double fraction) {
        doing.setText(message);
        bar.setProgress(fraction < 0 ? ProgressBar.INDETERMINATE_PROGRESS : fraction);
    }

    @Override
    protected void progressEnded() {
        if (clock != null) {
            clock.stop();
        }
        waited.setText(Messages.format("verify.waited", (System.nanoTime() - startedAt) / 1_000_000_000L));
    }

    @Override
    protected void afterRun() {
        showVerified();
    }

    @Override
    protected void failed(Problem p) {
        bar.setProgress(0);
        doing.setText(Messages.text("verify.failed"));
        super.failed(p);
    }

    private void showVerified() {
        StartPage.show(progressCard, false);
        Verification v = wizard.session().state().verification;
        note(Messages.text("verify.ok"), States.SUCCESS);
        if (v != null) {
            String key = switch (v.simulation()) {
                case ONLY_THIS_KEY -> "verify.simulation.onlyThisKey";
                case BROADER -> "verify.simulation.broader";
                case NOT_ALLOWED -> "verify.simulation.notAllowed";
                case UNAVAILABLE -> "verify.simulation.unavailable";
            };
            simulationNote.setText(Messages.text(key) + (v.detail() == null || v.detail().isBlank() ? ""
                    : "\n" + v.detail()));
            simulationNote.pseudoClassStateChanged(States.SUCCESS, v.simulation() == Verification.Simulation.ONLY_THIS_KEY);
            simulationNote.pseudoClassStateChanged(States.WARNING, v.simulation() != Verification.Simulation.ONLY_THIS_KEY);
            StartPage.show(simulationNote, true);
        }
        nextText.set(Messages.text("verify.button.result"));
    }
}
