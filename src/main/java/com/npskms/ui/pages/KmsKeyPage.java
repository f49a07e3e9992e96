package com.npskms.ui.pages;

import com.npskms.setup.InputRules;
import com.npskms.setup.SetupState;
import com.npskms.setup.StepId;
import com.npskms.ui.Messages;
import com.npskms.ui.common.TagEditor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javafx.fxml.FXML;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.VBox;
import org.controlsfx.control.CheckListView;

/**
 * Step 4: the symmetric KMS key with the console's key policy: alias, description, tags, key administrators
 * (IAM users and roles, the caller offered), whether they may delete the key, the NPS user as key user,
 * automatic key-material rotation.
 */
public final class KmsKeyPage extends StepPage {
    @FXML private TextField alias;
    @FXML private Label aliasMessage;
    @FXML private Label aliasHint;
    @FXML private TextField keyDescription;
    @FXML private Label keyDescriptionMessage;
    @FXML private VBox tagHolder;
    @FXML private CheckListView<String> administrators;
    @FXML private Label adminsNote;
    @FXML private CheckBox allowDelete;
    @FXML private Label keyUserLine;
    @FXML private CheckBox rotation;
    @FXML private Spinner<Integer> deletionWindow;
    private final TagEditor tags = new TagEditor(InputRules::tagKey, InputRules::tagValue);
    private boolean loadingAdmins;
    private boolean principalsLoaded;

    @FXML
    private void initialize() {
        tagHolder.getChildren().add(tags);
        rules.add(alias, aliasMessage, InputRules::alias);
        rules.add(keyDescription, keyDescriptionMessage, InputRules::keyDescription);
        setUpStep();
        blocked.unbind();
        blocked.bind(rules.invalid().or(tags.invalidProperty()));
        deletionWindow.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(7, 30, 7));
        alias.textProperty().addListener((o, a, v) -> {
            aliasHint.setText(InputRules.alias(v).isPresent() ? ""
                    : Messages.format("kmsKey.alias.willBe", InputRules.normalizeAlias(v)));
            changed();
        });
        keyDescription.textProperty().addListener((o, a, b) -> changed());
        tags.setOnChange(this::changed);
        allowDelete.selectedProperty().addListener((o, a, b) -> changed());
        rotation.selectedProperty().addListener((o, a, b) -> changed());
        deletionWindow.valueProperty().addListener((o, a, b) -> changed());
        administrators.getCheckModel().getCheckedItems().addListener(
                (javafx.collections.ListChangeListener<String>) c -> {
                    if (!loadingAdmins) {
                        changed();
                    }
                });
    }

    @Override
    protected StepId step() {
        return StepId.KMS_KEY;
    }

    @Override
    public void shown() {
        super.shown();
        if (!principalsLoaded && wizard.session().hasRun()) {
            principalsLoaded = true;
            adminsNote.setText(Messages.text("kmsKey.admins.loading"));
            wizard.run(wizard.task(() -> wizard.session().keyAdministratorCandidates())
                    .onSuccess(this::offerAdministrators)
                    .onError(RuntimeException.class, e -> adminsNote.setText(Messages.format("kmsKey.admins.failed",
                            com.npskms.ui.SetupSession.problemOf(e, Messages.text("kmsKey.admins.listing")).what()))));
        }
    }

    private void offerAdministrators(List<String> candidates) {
        SetupState s = wizard.session().state();
        Set<String> all = new LinkedHashSet<>(s.keyAdministrators);
        all.addAll(candidates);
        loadingAdmins = true;
        try {
            administrators.getItems().setAll(all);
            for (String arn : s.keyAdministrators) {
                administrators.getCheckModel().check(arn);
            }
        } finally {
            loadingAdmins = false;
        }
        adminsNote.setText(Messages.format("kmsKey.admins.count", candidates.size()));
        changed();
    }

    @Override
    protected void fill(SetupState s) {
        alias.setText(s.alias);
        keyDescription.setText(s.keyDescription);
        tags.setTags(s.tags);
        loadingAdmins = true;
        try {
            Set<String> items = new LinkedHashSet<>(administrators.getItems());
            items.addAll(s.keyAdministrators);
            administrators.getItems().setAll(items);
            administrators.getCheckModel().clearChecks();
            s.keyAdministrators.forEach(administrators.getCheckModel()::check);
        } finally {
            loadingAdmins = false;
        }
        allowDelete.setSelected(s.allowAdministratorsToDelete);
        rotation.setSelected(s.enableKeyRotation);
        deletionWindow.getValueFactory().setValue(s.deletionWindowDays);
        keyUserLine.setText(Messages.format("kmsKey.keyUser", s.userArn == null ? s.userName : s.userArn));
    }

    @Override
    protected void apply(SetupState s) {
        s.alias = alias.getText().trim();
        s.keyDescription = keyDescription.getText();
        s.tags = tags.tags();
        s.keyAdministrators = new ArrayList<>(administrators.getCheckModel().getCheckedItems());
        s.allowAdministratorsToDelete = allowDelete.isSelected();
        s.enableKeyRotation = rotation.isSelected();
        s.deletionWindowDays = deletionWindow.getValue();
    }

    @Override
    protected TextInputControl nameField() {
        return alias;
    }

    /** The tag editor (tests type into it). */
    public TagEditor tagEditor() {
        return tags;
    }
}
