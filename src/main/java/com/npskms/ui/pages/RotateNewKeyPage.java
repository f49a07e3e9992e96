package com.npskms.ui.pages;

import com.npskms.setup.NewAccessKey;
import com.npskms.ui.Messages;
import com.npskms.ui.Page;
import com.npskms.ui.WizardPage;
import com.npskms.ui.common.CopyableValue;
import com.npskms.ui.common.SecretDisplay;
import com.npskms.ui.common.States;
import javafx.fxml.FXML;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;

/** Rotation 2: the new key, its secret shown once, and the admin's confirmation that NPS uses it now. */
public final class RotateNewKeyPage extends WizardPage {
    @FXML private CopyableValue accessKeyId;
    @FXML private SecretDisplay secret;
    @FXML private CopyableValue region;
    @FXML private Label secretWarning;
    @FXML private CheckBox npsSwitched;

    @FXML
    private void initialize() {
        secretWarning.pseudoClassStateChanged(States.WARNING, true);
        accessKeyId.setAccessibleName(Messages.text("result.accessKeyId"));
        secret.setAccessibleName(Messages.text("result.secret"));
        region.setAccessibleName(Messages.text("result.region"));
        blocked.bind(npsSwitched.selectedProperty().not());
    }

    @Override
    public void shown() {
        backAllowed.set(false);
        for (CopyableValue v : new CopyableValue[] {accessKeyId, secret, region}) {
            v.setClipboard(wizard.clipboard());
        }
        NewAccessKey k = wizard.session().newKey();
        accessKeyId.setValue(k.accessKeyId());
        secret.setSecret(k.secretAccessKey());
        region.setValue(wizard.session().aws().region());
    }

    @Override
    public void next() {
        wizard.goTo(Page.ROTATE_RETIRE);
    }

    @Override
    public void wipe() {
        secret.wipe();
    }
}
