package com.npskms.ui.pages;

import com.npskms.setup.AccessKeyRotation;
import com.npskms.setup.KeyUsage;
import com.npskms.ui.Messages;
import com.npskms.ui.SetupSession;
import com.npskms.ui.WizardPage;
import com.npskms.ui.common.ProblemView;
import com.npskms.ui.common.States;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * Rotation 3: when each key was last used, then deactivate the old key, then (confirmed) delete it.
 * The old key is never deleted before the new one exists and the admin confirmed NPS uses it.
 */
public final class RotateRetirePage extends WizardPage {
    private enum Stage { DEACTIVATE, DELETE, DONE }

    @FXML private Label keysLine;
    @FXML private Label usageNote;
    @FXML private Button refreshButton;
    @FXML private Button reactivateButton;
    @FXML private VBox deleteCard;
    @FXML private CheckBox confirmDelete;
    @FXML private Label doneNote;
    @FXML private ProblemView problem;
    private final javafx.beans.property.ObjectProperty<Stage> stage =
            new javafx.beans.property.SimpleObjectProperty<>(Stage.DEACTIVATE);

    @FXML
    private void initialize() {
        StartPage.show(deleteCard, false);
        StartPage.show(doneNote, false);
        StartPage.show(reactivateButton, false);
        doneNote.pseudoClassStateChanged(States.SUCCESS, true);
        usageNote.setMaxWidth(Double.MAX_VALUE);
        blocked.bind(stage.isEqualTo(Stage.DELETE).and(confirmDelete.selectedProperty().not()));
    }

    @Override
    public void shown() {
        backAllowed.set(false);
        if (wizard.session().oldKeyId() == null) {
            usageNote.setText(Messages.format("rotate.retire.noOld", wizard.session().rotation().userName()));
            StartPage.show(refreshButton, false);
            finish(null);
            return;
        }
        stage.set(Stage.DEACTIVATE);
        nextText.set(Messages.text("rotate.retire.button.deactivate"));
        refresh();
    }

    @FXML
    private void refresh() {
        SetupSession session = wizard.session();
        AccessKeyRotation rotation = session.rotation();
        String newId = session.newKey().accessKeyId();
        String oldId = session.oldKeyId();
        wizard.statusProperty().set(Messages.text("rotate.retire.checking"));
        wizard.run(wizard.task(() -> rotation.usage(newId, oldId))
                .onSuccess(this::showUsage)
                .onError(RuntimeException.class, e -> problem.show(SetupSession.problemOf(e,
                        Messages.text("rotate.retire.checking"))))
                .andFinally(() -> wizard.statusProperty().set("")));
    }

    private void showUsage(KeyUsage u) {
        keysLine.setText(Messages.format("rotate.retire.keys", u.newKey().accessKeyId(), u.newKey().lastUseText(),
                u.oldKey().accessKeyId(), u.oldKey().status(), u.oldKey().lastUseText()));
        usageNote.setText(u.summary());
        usageNote.pseudoClassStateChanged(States.SUCCESS, u.switched());
        usageNote.pseudoClassStateChanged(States.WARNING, !u.switched());
    }

    @Override
    public void next() {
        problem.clear();
        AccessKeyRotation rotation = wizard.session().rotation();
        String oldId = wizard.session().oldKeyId();
        switch (stage.get()) {
            case DEACTIVATE -> wizard.run(wizard.task(() -> {
                        rotation.deactivate(oldId);
                        return null;
                    })
                    .onSuccess(v -> {
                        stage.set(Stage.DELETE);
                        StartPage.show(deleteCard, true);
                        StartPage.show(reactivateButton, true);
                        doneNote.setText(Messages.format("rotate.retire.deactivated", oldId));
                        doneNote.pseudoClassStateChanged(States.SUCCESS, false);
                        StartPage.show(doneNote, true);
                        nextText.set(Messages.text("rotate.retire.button.delete"));
                        refresh();
                    })
                    .onError(RuntimeException.class, e -> problem.show(SetupSession.problemOf(e, oldId), retry())));
            case DELETE -> wizard.run(wizard.task(() -> {
                        rotation.delete(oldId, confirmDelete.isSelected());
                        return null;
                    })
                    .onSuccess(v -> finish(oldId))
                    .onError(RuntimeException.class, e -> problem.show(SetupSession.problemOf(e, oldId), retry())));
            case DONE -> keysLine.getScene().getWindow().hide();
            default -> throw new IllegalStateException();
        }
    }

    @FXML
    private void reactivate() {
        AccessKeyRotation rotation = wizard.session().rotation();
        String oldId = wizard.session().oldKeyId();
        wizard.run(wizard.task(() -> {
                    rotation.activate(oldId);
                    return null;
                })
                .onSuccess(v -> {
                    stage.set(Stage.DEACTIVATE);
                    StartPage.show(deleteCard, false);
                    StartPage.show(reactivateButton, false);
                    doneNote.setText(Messages.format("rotate.retire.reactivated", oldId));
                    nextText.set(Messages.text("rotate.retire.button.deactivate"));
                    refresh();
                })
                .onError(RuntimeException.class, e -> problem.show(SetupSession.problemOf(e, oldId))));
    }

    private void finish(String deletedId) {
        stage.set(Stage.DONE);
        StartPage.show(deleteCard, false);
        StartPage.show(reactivateButton, false);
        if (deletedId != null) {
            doneNote.setText(Messages.format("rotate.retire.deleted", deletedId,
                    wizard.session().newKey().accessKeyId()));
            doneNote.pseudoClassStateChanged(States.SUCCESS, true);
            StartPage.show(doneNote, true);
            keysLine.setText("");
        }
        nextText.set(Messages.text("result.button.finish"));
        wizard.session().markFinished();
    }

    private Button retry() {
        Button b = new Button(Messages.text("common.retry"));
        b.setOnAction(e -> next());
        return b;
    }
}
