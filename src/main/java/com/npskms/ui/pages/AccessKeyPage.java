package com.npskms.ui.pages;

import com.npskms.setup.InputRules;
import com.npskms.setup.SetupState;
import com.npskms.setup.StepId;
import com.npskms.ui.Messages;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;

/** Step 3: the access key NPS signs in with; its description is stored as the console does (a user tag). */
public final class AccessKeyPage extends StepPage {
    @FXML private TextField description;
    @FXML private Label descriptionMessage;
    @FXML private Label useCase;

    @FXML
    private void initialize() {
        rules.add(description, descriptionMessage, InputRules::accessKeyDescription);
        setUpStep();
        description.textProperty().addListener((o, a, b) -> changed());
    }

    @Override
    protected StepId step() {
        return StepId.ACCESS_KEY;
    }

    @Override
    protected void fill(SetupState s) {
        description.setText(s.accessKeyDescription);
        useCase.setText(Messages.format("accessKey.useCase", s.userName));
    }

    @Override
    protected void apply(SetupState s) {
        s.accessKeyDescription = description.getText().trim();
    }
}
