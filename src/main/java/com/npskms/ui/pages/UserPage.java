package com.npskms.ui.pages;

import com.npskms.setup.InputRules;
import com.npskms.setup.SecretText;
import com.npskms.setup.SetupState;
import com.npskms.setup.StepId;
import com.npskms.ui.Messages;
import javafx.fxml.FXML;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.VBox;

/** Step 2: the IAM user NPS acts as, optionally with console access, with the policy attached directly. */
public final class UserPage extends StepPage {
    @FXML private TextField userName;
    @FXML private Label userNameMessage;
    @FXML private Label policyLine;
    @FXML private CheckBox consoleAccess;
    @FXML private VBox passwordBox;
    @FXML private RadioButton generatePassword;
    @FXML private RadioButton typePassword;
    @FXML private PasswordField password;
    @FXML private Label passwordMessage;

    @FXML
    private void initialize() {
        rules.add(userName, userNameMessage, InputRules::userName);
        rules.add(password, passwordMessage, v -> InputRules.consolePassword(SecretText.of(v)),
                consoleAccess.selectedProperty().and(typePassword.selectedProperty()));
        setUpStep();
        passwordBox.disableProperty().bind(consoleAccess.selectedProperty().not());
        password.disableProperty().bind(typePassword.selectedProperty().not());
        userName.textProperty().addListener((o, a, b) -> changed());
        consoleAccess.selectedProperty().addListener((o, a, b) -> changed());
        typePassword.selectedProperty().addListener((o, a, b) -> changed());
    }

    @Override
    protected StepId step() {
        return StepId.USER;
    }

    @Override
    protected void fill(SetupState s) {
        userName.setText(s.userName);
        consoleAccess.setSelected(s.consoleAccess);
        policyLine.setText(Messages.format("user.policyLine", s.policyName));
    }

    @Override
    protected void apply(SetupState s) {
        s.userName = userName.getText().trim();
        s.consoleAccess = consoleAccess.isSelected();
        if (s.consolePassword != null) {
            s.consolePassword.wipe();
        }
        // No password typed: the engine generates a strong one.
        s.consolePassword = s.consoleAccess && typePassword.isSelected() ? SecretText.of(password.getText()) : null;
    }

    @Override
    protected TextInputControl nameField() {
        return userName;
    }

    @Override
    public void wipe() {
        password.clear();
    }
}
