package com.npskms.ui;

/**
 * Every FXML file of the wizard, in one place. The window around the pages ({@link MainWindow}) and the Start
 * page are built in code instead: both are on screen at every start, and FXMLLoader's first use (XML parser,
 * reflection, bean adapters) cost more than everything else before the first frame. Later pages load lazily.
 */
public enum FxmlFile {
    CONNECT("connect.fxml"),
    POLICY("policy.fxml"),
    USER("user.fxml"),
    ACCESS_KEY("access_key.fxml"),
    KMS_KEY("kms_key.fxml"),
    LEAST_PRIVILEGE("least_privilege.fxml"),
    VERIFY("verify.fxml"),
    RESULT("result.fxml"),
    ROTATE_KEYS("rotate_keys.fxml"),
    ROTATE_NEW_KEY("rotate_new_key.fxml"),
    ROTATE_RETIRE("rotate_retire.fxml");

    private final String resource;

    FxmlFile(String fileName) {
        this.resource = "/com/npskms/ui/fxml/" + fileName;
    }

    /** The classpath resource of this file. */
    public String resource() {
        return resource;
    }
}
