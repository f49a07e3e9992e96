package com.npskms.ui.pages;

import com.npskms.aws.ProblemException;
import com.npskms.setup.AccessKeyInfo;
import com.npskms.setup.AccessKeyRotation;
import com.npskms.setup.InputRules;
import com.npskms.ui.Messages;
import com.npskms.ui.Page;
import com.npskms.ui.SetupSession;
import com.npskms.ui.WizardPage;
import com.npskms.ui.common.FieldRules;
import com.npskms.ui.common.ProblemView;
import com.npskms.ui.common.States;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/** Rotation 1: the NPS user's keys with status, created and last use; room made when it has two; new key made. */
public final class RotateKeysPage extends WizardPage {
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    @FXML private TextField userName;
    @FXML private Label userNameMessage;
    @FXML private TextField description;
    @FXML private Label descriptionMessage;
    @FXML private VBox keysCard;
    @FXML private TableView<AccessKeyInfo> keys;
    @FXML private TableColumn<AccessKeyInfo, String> idColumn;
    @FXML private TableColumn<AccessKeyInfo, String> statusColumn;
    @FXML private TableColumn<AccessKeyInfo, String> createdColumn;
    @FXML private TableColumn<AccessKeyInfo, String> usedColumn;
    @FXML private Label keysNote;
    @FXML private FlowPane makeRoom;
    @FXML private Button deactivateSpare;
    @FXML private Button deleteSpare;
    @FXML private ProblemView problem;
    private final FieldRules rules = new FieldRules();
    private String loadedFor;
    private AccessKeyInfo spare;

    @FXML
    private void initialize() {
        userName.setText(new com.npskms.setup.SetupState().userName);
        description.setText(new com.npskms.setup.SetupState().accessKeyDescription);
        rules.add(userName, userNameMessage, InputRules::userName);
        rules.add(description, descriptionMessage, InputRules::accessKeyDescription);
        blocked.bind(rules.invalid());
        idColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().accessKeyId()));
        statusColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().status()));
        createdColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(
                c.getValue().created() == null ? "" : WHEN.format(c.getValue().created())));
        usedColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().lastUseText()));
        keys.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        StartPage.show(keysCard, false);
        userName.textProperty().addListener((o, a, b) -> {
            loadedFor = null;
            StartPage.show(keysCard, false);
            nextText.set(Messages.text("rotate.button.lookUp"));
        });
        nextText.set(Messages.text("rotate.button.lookUp"));
    }

    @Override
    public void next() {
        problem.clear();
        String user = userName.getText().trim();
        if (!user.equals(loadedFor)) {
            lookUp(user);
        } else {
            create();
        }
    }

    private void lookUp(String user) {
        SetupSession session = wizard.session();
        wizard.statusProperty().set(Messages.text("rotate.looking"));
        wizard.run(wizard.task(() -> session.rotate(user).keys())
                .onSuccess(list -> {
                    loadedFor = user;
                    show(list);
                })
                .onError(RuntimeException.class, e -> problem.show(SetupSession.problemOf(e,
                        Messages.text("rotate.looking")), retry()))
                .andFinally(() -> wizard.statusProperty().set("")));
    }

    private void show(List<AccessKeyInfo> list) {
        AccessKeyRotation rotation = wizard.session().rotation();
        keys.getItems().setAll(list);
        StartPage.show(keysCard, true);
        Optional<AccessKeyInfo> room = rotation.replaceable(list);
        spare = room.orElse(null);
        String user = rotation.userName();
        if (spare != null) {
            keysNote.setText(Messages.format("rotate.keys.two", user, spare.accessKeyId(), spare.lastUseText()));
            keysNote.pseudoClassStateChanged(States.WARNING, true);
            deactivateSpare.setText(Messages.format("rotate.keys.deactivate", spare.accessKeyId()));
            deleteSpare.setText(Messages.format("rotate.keys.delete", spare.accessKeyId()));
            deactivateSpare.setDisable(!spare.active());
        } else {
            keysNote.setText(Messages.format(list.isEmpty() ? "rotate.keys.none" : "rotate.keys.one", user));
            keysNote.pseudoClassStateChanged(States.WARNING, false);
        }
        StartPage.show(makeRoom, spare != null);
        nextText.set(Messages.text("rotate.button.create"));
    }

    @FXML
    private void deactivateSpare() {
        String id = spare.accessKeyId();
        AccessKeyRotation rotation = wizard.session().rotation();
        wizard.run(wizard.task(() -> {
                    rotation.deactivate(id);
                    return rotation.keys();
                })
                .onSuccess(this::show)
                .onError(RuntimeException.class, e -> problem.show(SetupSession.problemOf(e, id))));
    }

    @FXML
    private void deleteSpare() {
        String id = spare.accessKeyId();
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, Messages.format("rotate.keys.deleteConfirm", id),
                ButtonType.OK, ButtonType.CANCEL);
        ask.initOwner(keys.getScene().getWindow());
        if (ask.showAndWait().orElse(ButtonType.CANCEL) != ButtonType.OK) {
            return;
        }
        AccessKeyRotation rotation = wizard.session().rotation();
        wizard.run(wizard.task(() -> {
                    rotation.delete(id, true);
                    return rotation.keys();
                })
                .onSuccess(this::show)
                .onError(RuntimeException.class, e -> problem.show(SetupSession.problemOf(e, id))));
    }

    private void create() {
        String desc = description.getText().trim();
        SetupSession session = wizard.session();
        wizard.statusProperty().set(Messages.text("rotate.creating"));
        wizard.run(wizard.task(() -> session.createRotationKey(desc))
                .onSuccess(k -> wizard.goTo(Page.ROTATE_NEW_KEY))
                .onError(ProblemException.class, e -> problem.show(e.problem(), retry()))
                .onError(RuntimeException.class, e -> problem.show(SetupSession.problemOf(e,
                        Messages.text("rotate.creating")), retry()))
                .andFinally(() -> wizard.statusProperty().set("")));
    }

    private Button retry() {
        Button b = new Button(Messages.text("common.retry"));
        b.setOnAction(e -> next());
        return b;
    }
}
