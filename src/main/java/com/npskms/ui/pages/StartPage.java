package com.npskms.ui.pages;

import com.npskms.setup.JournalEntry;
import com.npskms.setup.StepId;
import com.npskms.ui.Messages;
import com.npskms.ui.Page;
import com.npskms.ui.SetupSession.Intent;
import com.npskms.ui.Wizard;
import com.npskms.ui.WizardPage;
import com.npskms.ui.common.States;
import java.util.Optional;
import java.util.stream.Collectors;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.VBox;

/** Start: a new setup or a rotation; an unfinished run from the journal is offered for resume or roll back. */
public final class StartPage extends WizardPage {
    @FXML private ToggleGroup choice;
    @FXML private VBox unfinishedCard;
    @FXML private Label unfinishedText;
    @FXML private RadioButton resumeChoice;
    @FXML private RadioButton rollbackChoice;
    @FXML private RadioButton newSetupChoice;
    @FXML private RadioButton rotateChoice;
    @FXML private Button discardButton;
    @FXML private Label journalProblem;

    @FXML
    private void initialize() {
        show(unfinishedCard, false);
        show(journalProblem, false);
        journalProblem.pseudoClassStateChanged(States.WARNING, true);
        blocked.bind(choice.selectedToggleProperty().isNull());
    }

    @Override
    public void shown() {
        backAllowed.set(false);
        // The journal is read off the FX thread so the first page is interactive at once.
        wizard.run(wizard.task(() -> wizard.session().findUnfinished())
                .onSuccess(this::offer)
                .onError(RuntimeException.class, e -> {
                    journalProblem.setText(Messages.format("start.journalUnreadable",
                            com.npskms.ui.SetupSession.problemOf(e, Messages.text("start.readingJournal")).what()));
                    show(journalProblem, true);
                }));
    }

    private void offer(Optional<JournalEntry> unfinished) {
        if (unfinished.isEmpty()) {
            show(unfinishedCard, false);
            if (choice.getSelectedToggle() == resumeChoice || choice.getSelectedToggle() == rollbackChoice) {
                newSetupChoice.setSelected(true);
            }
            return;
        }
        JournalEntry e = unfinished.get();
        String done = e.completed().stream().map(StepId::title).collect(Collectors.joining(", "));
        String created = String.join(", ", e.created());
        unfinishedText.setText(Messages.format("start.unfinished.text",
                when(e.startedAt()), nz(e.accountId()), nz(e.region()),
                done.isEmpty() ? Messages.text("start.unfinished.none") : done,
                created.isEmpty() ? Messages.text("start.unfinished.none") : created)
                + (e.lastFailure() == null ? "" : "\n" + Messages.format("start.unfinished.failure", e.lastFailure())));
        show(unfinishedCard, true);
        resumeChoice.setSelected(true);
    }

    @FXML
    private void discard() {
        wizard.run(wizard.task(() -> {
                    wizard.session().discardUnfinished();
                    return null;
                })
                .onSuccess(v -> {
                    offer(Optional.empty());
                    wizard.notify(Messages.text("start.discarded"));
                }));
    }

    @Override
    public void next() {
        Intent intent;
        if (choice.getSelectedToggle() == resumeChoice) {
            intent = Intent.RESUME;
        } else if (choice.getSelectedToggle() == rollbackChoice) {
            intent = Intent.ROLL_BACK;
        } else if (choice.getSelectedToggle() == rotateChoice) {
            intent = Intent.ROTATE;
        } else {
            intent = Intent.NEW_SETUP;
        }
        wizard.session().setIntent(intent);
        wizard.flowProperty().set(intent == Intent.ROTATE ? Wizard.Flow.ROTATION : Wizard.Flow.SETUP);
        wizard.goTo(Page.CONNECT);
    }

    private static String when(String iso) {
        try {
            return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                    .withZone(java.time.ZoneId.systemDefault()).format(java.time.Instant.parse(iso));
        } catch (RuntimeException e) {
            return nz(iso);
        }
    }

    private static String nz(String s) {
        return s == null ? "?" : s;
    }

    static void show(javafx.scene.Node n, boolean on) {
        n.setVisible(on);
        n.setManaged(on);
    }
}
