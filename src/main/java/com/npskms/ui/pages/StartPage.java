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
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Start: a new setup or a rotation; an unfinished run from the journal is offered for resume or roll back.
 * Built in code, not FXML, as the first page shown (see {@link com.npskms.ui.FxmlFile}).
 */
public final class StartPage extends WizardPage {
    private final ToggleGroup choice = new ToggleGroup();
    private final RadioButton newSetupChoice = choice("newSetupChoice", "start.newSetup");
    private final RadioButton rotateChoice = choice("rotateChoice", "start.rotate");
    private final Label journalProblem = new Label();
    private VBox view;
    /** The unfinished run's card: made only when the journal holds one, so a plain start builds none of it. */
    private VBox unfinishedCard;
    private Label unfinishedText;
    private RadioButton resumeChoice;
    private RadioButton rollbackChoice;
    private boolean journalRead;
    private boolean reading;
    private boolean nextWaiting;

    @Override
    protected Parent buildView() {
        newSetupChoice.setSelected(true);
        journalProblem.setId("journalProblem");
        journalProblem.getStyleClass().add("note");
        journalProblem.setWrapText(true);
        journalProblem.setMaxWidth(Double.MAX_VALUE);
        view = new VBox(text("start.lead", "lead"), newSetupChoice, text("start.newSetup.hint", "hint"), rotateChoice,
                text("start.rotate.hint", "hint"), journalProblem);
        view.getStyleClass().add("page");
        show(journalProblem, false);
        journalProblem.pseudoClassStateChanged(States.WARNING, true);
        blocked.bind(choice.selectedToggleProperty().isNull());
        return view;
    }

    /** Builds the unfinished run's card above the new-setup choice, on first need. */
    private void buildUnfinishedCard() {
        unfinishedText = new Label();
        unfinishedText.setId("unfinishedText");
        unfinishedText.setWrapText(true);
        resumeChoice = choice("resumeChoice", "start.resume");
        rollbackChoice = choice("rollbackChoice", "start.rollback");
        // First in the group too, as on screen, so the arrow keys walk the choices top to bottom.
        choice.getToggles().removeAll(resumeChoice, rollbackChoice);
        choice.getToggles().addAll(0, java.util.List.of(resumeChoice, rollbackChoice));
        Button discardButton = new Button(Messages.text("start.discard"));
        discardButton.setId("discardButton");
        discardButton.setOnAction(e -> discard());
        Label hint = text("start.discard.hint", "hint");
        HBox.setHgrow(hint, Priority.ALWAYS);
        HBox discardRow = new HBox(8, discardButton, hint);
        discardRow.setAlignment(Pos.CENTER_LEFT);
        unfinishedCard = new VBox(8, text("start.unfinished.title", "section-title"), unfinishedText, resumeChoice,
                rollbackChoice, discardRow);
        unfinishedCard.setId("unfinishedCard");
        unfinishedCard.getStyleClass().addAll("card", "note");
        view.getChildren().add(1, unfinishedCard);
    }

    private boolean chosen(RadioButton b) {
        return b != null && choice.getSelectedToggle() == b;
    }

    private RadioButton choice(String id, String key) {
        RadioButton b = new RadioButton(Messages.text(key));
        b.setId(id);
        b.setToggleGroup(choice);
        b.setMnemonicParsing(true);
        b.getStyleClass().add("choice");
        b.setMaxWidth(Double.MAX_VALUE);
        b.setWrapText(true);
        return b;
    }

    private static Label text(String key, String styleClass) {
        Label l = new Label(Messages.text(key));
        l.getStyleClass().add(styleClass);
        l.setWrapText(true);
        return l;
    }

    @Override
    public void shown() {
        backAllowed.set(false);
        if (!reading) {
            // Read on every visit: a roll back or a finished run changes what is left to offer.
            journalRead = false;
            // Read once the page is on screen, so the window appears and answers at once; the page stays usable
            // meanwhile, and a Next pressed before the answer waits for it (see next()).
            afterFirstFrame(this::readJournal);
        }
    }

    /** Runs after the window's next frame is drawn (or at once when the page is not on screen yet to wait for). */
    private void afterFirstFrame(Runnable r) {
        javafx.scene.Scene scene = view.getScene();
        if (scene == null) {
            // Not in the window yet: wait until it is, then for its frame.
            view.sceneProperty().addListener(new javafx.beans.value.ChangeListener<>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends javafx.scene.Scene> o,
                                    javafx.scene.Scene a, javafx.scene.Scene b) {
                    if (b != null) {
                        view.sceneProperty().removeListener(this);
                        afterFirstFrame(r);
                    }
                }
            });
            return;
        }
        Runnable once = new Runnable() {
            @Override
            public void run() {
                scene.removePostLayoutPulseListener(this);
                javafx.application.Platform.runLater(r);
            }
        };
        scene.addPostLayoutPulseListener(once);
    }

    private void readJournal() {
        reading = true;
        wizard.run(com.npskms.ui.common.Tasks.create(() -> wizard.session().findUnfinished())
                .onSuccess(found -> {
                    journalRead = true;
                    boolean offered = offer(found);
                    if (nextWaiting && !offered) {
                        // After this task's andFinally: the record is read, the wait released.
                        javafx.application.Platform.runLater(this::next);
                    }
                })
                .onError(RuntimeException.class, e -> {
                    journalRead = true;
                    journalProblem.setText(Messages.format("start.journalUnreadable",
                            com.npskms.ui.SetupSession.problemOf(e, Messages.text("start.readingJournal")).what()));
                    show(journalProblem, true);
                })
                .andFinally(() -> {
                    reading = false;
                    if (nextWaiting) {
                        nextWaiting = false;
                        wizard.busy().exit();
                    }
                }));
    }

    /** Shows the unfinished run, if any; true when one is offered. */
    private boolean offer(Optional<JournalEntry> unfinished) {
        if (unfinished.isEmpty()) {
            if (unfinishedCard != null) {
                show(unfinishedCard, false);
            }
            if (chosen(resumeChoice) || chosen(rollbackChoice)) {
                newSetupChoice.setSelected(true);
            }
            return false;
        }
        JournalEntry e = unfinished.get();
        if (unfinishedCard == null) {
            buildUnfinishedCard();
        }
        String done = e.completed().stream().map(StepId::title).collect(Collectors.joining(", "));
        String created = String.join(", ", e.created());
        unfinishedText.setText(Messages.format("start.unfinished.text",
                when(e.startedAt()), nz(e.accountId()), nz(e.region()),
                done.isEmpty() ? Messages.text("start.unfinished.none") : done,
                created.isEmpty() ? Messages.text("start.unfinished.none") : created)
                + (e.lastFailure() == null ? "" : "\n" + Messages.format("start.unfinished.failure", e.lastFailure())));
        show(unfinishedCard, true);
        resumeChoice.setSelected(true);
        return true;
    }

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
        if (reading) {
            // The record of the last run is still being read: wait for it, since it may offer Resume.
            if (!nextWaiting) {
                nextWaiting = true;
                wizard.busy().enter();
            }
            return;
        }
        Intent intent;
        if (chosen(resumeChoice)) {
            intent = Intent.RESUME;
        } else if (chosen(rollbackChoice)) {
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

    /** True once the record of the last run has been read (tests wait for it). */
    public boolean isJournalRead() {
        return journalRead && !reading;
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
