package com.npskms.ui;

import com.npskms.setup.StepId;
import java.util.List;
import java.util.function.Supplier;

/** The wizard's pages: their FXML file (or code), their name in the step list, and the engine step they drive. */
public enum Page {
    START(com.npskms.ui.pages.StartPage::new, "step.start"),
    CONNECT(FxmlFile.CONNECT, "step.connect", null),
    POLICY(FxmlFile.POLICY, "step.policy", StepId.POLICY),
    USER(FxmlFile.USER, "step.user", StepId.USER),
    ACCESS_KEY(FxmlFile.ACCESS_KEY, "step.accessKey", StepId.ACCESS_KEY),
    KMS_KEY(FxmlFile.KMS_KEY, "step.kmsKey", StepId.KMS_KEY),
    LEAST_PRIVILEGE(FxmlFile.LEAST_PRIVILEGE, "step.leastPrivilege", StepId.LEAST_PRIVILEGE),
    VERIFY(FxmlFile.VERIFY, "step.verify", StepId.VERIFY),
    RESULT(FxmlFile.RESULT, "step.result", null),
    ROTATE_KEYS(FxmlFile.ROTATE_KEYS, "step.rotateKeys", null),
    ROTATE_NEW_KEY(FxmlFile.ROTATE_NEW_KEY, "step.rotateNewKey", null),
    ROTATE_RETIRE(FxmlFile.ROTATE_RETIRE, "step.rotateRetire", null);

    /** The pages of the setup flow, in order. */
    public static final List<Page> SETUP_FLOW = List.of(START, CONNECT, POLICY, USER, ACCESS_KEY, KMS_KEY,
            LEAST_PRIVILEGE, VERIFY, RESULT);
    /** The pages of the access-key rotation flow, in order. */
    public static final List<Page> ROTATION_FLOW = List.of(START, CONNECT, ROTATE_KEYS, ROTATE_NEW_KEY, ROTATE_RETIRE);

    private final FxmlFile fxml;
    private final Supplier<WizardPage> inCode;
    private final String titleKey;
    private final StepId step;

    Page(FxmlFile fxml, String titleKey, StepId step) {
        this.fxml = fxml;
        this.inCode = null;
        this.titleKey = titleKey;
        this.step = step;
    }

    /** A page built in code (no FXML file): its controller, which builds its view. */
    Page(Supplier<WizardPage> inCode, String titleKey) {
        this.fxml = null;
        this.inCode = inCode;
        this.titleKey = titleKey;
        this.step = null;
    }

    /** The page's FXML file, or null for a page built in code (see {@link FxmlFile}). */
    public FxmlFile fxml() {
        return fxml;
    }

    /** A new controller of a page built in code, or null for an FXML page. */
    WizardPage newInCode() {
        return inCode == null ? null : inCode.get();
    }

    /** The page's name in the step list and its heading. */
    public String title() {
        return Messages.text(titleKey);
    }

    /** The engine step this page drives, or null. */
    public StepId step() {
        return step;
    }

    /** The page that drives an engine step. */
    public static Page of(StepId id) {
        for (Page p : values()) {
            if (p.step == id) {
                return p;
            }
        }
        throw new IllegalArgumentException(String.valueOf(id));
    }
}
