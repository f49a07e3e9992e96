package com.npskms.ui.pages;

import com.npskms.setup.PlannedCall;
import com.npskms.setup.SetupState;
import com.npskms.setup.StepId;
import com.npskms.ui.Messages;
import java.util.List;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;

/** Step 5: a new default policy version that allows kms:Decrypt on this key only; before and after shown. */
public final class LeastPrivilegePage extends StepPage {
    @FXML private TextArea before;
    @FXML private TextArea after;
    @FXML private Label versionsNote;

    @FXML
    private void initialize() {
        setUpStep();
    }

    @Override
    protected StepId step() {
        return StepId.LEAST_PRIVILEGE;
    }

    @Override
    protected void fill(SetupState s) {
        versionsNote.setText(Messages.format("leastPrivilege.versions", s.policyName));
    }

    @Override
    protected void apply(SetupState s) {
        // Nothing to type here: the key ARN and the policy come from the earlier steps.
    }

    @Override
    protected void refreshPlan() {
        super.refreshPlan();
        List<PlannedCall> calls;
        try {
            calls = wizard.session().plan(step());
        } catch (RuntimeException e) {
            calls = List.of();
        }
        SetupState s = wizard.session().state();
        String was = s.policyDocumentBefore;
        String will = null;
        for (PlannedCall c : calls) {
            if (c.document() != null && c.action().contains("PolicyVersion")) {
                will = c.document();
                if (c.documentBefore() != null) {
                    was = c.documentBefore();
                }
            }
        }
        before.setText(was == null ? Messages.text("leastPrivilege.beforeUnknown") : was);
        after.setText(will == null ? Messages.text("leastPrivilege.afterUnknown") : will);
    }
}
