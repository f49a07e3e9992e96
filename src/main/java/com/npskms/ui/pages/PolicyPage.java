package com.npskms.ui.pages;

import com.npskms.setup.InputRules;
import com.npskms.setup.SetupState;
import com.npskms.setup.StepId;
import com.npskms.ui.Messages;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;

/** Step 1: the IAM policy allowing kms:Decrypt on any key of this account (narrowed later). */
public final class PolicyPage extends StepPage {
    @FXML private TextField policyName;
    @FXML private Label policyNameMessage;
    @FXML private TextArea policyDescription;
    @FXML private Label policyDescriptionMessage;
    @FXML private Label resourceLine;

    @FXML
    private void initialize() {
        rules.add(policyName, policyNameMessage, InputRules::policyName);
        rules.add(policyDescription, policyDescriptionMessage, InputRules::policyDescription);
        setUpStep();
        policyName.textProperty().addListener((o, a, b) -> changed());
        policyDescription.textProperty().addListener((o, a, b) -> changed());
    }

    @Override
    protected StepId step() {
        return StepId.POLICY;
    }

    @Override
    protected void fill(SetupState s) {
        policyName.setText(s.policyName);
        policyDescription.setText(s.policyDescription);
        resourceLine.setText(Messages.format("policy.resource", s.accountId == null ? "<account>" : s.accountId));
    }

    @Override
    protected void apply(SetupState s) {
        s.policyName = policyName.getText().trim();
        s.policyDescription = policyDescription.getText();
    }

    @Override
    protected TextInputControl nameField() {
        return policyName;
    }
}
