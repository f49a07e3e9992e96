package com.npskms.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** The wizard window. */
public final class WizardApp extends Application {
    @Override
    public void start(Stage stage) {
        stage.setTitle("NPS KMS Setup");
        stage.setScene(new Scene(new Label("NPS KMS Setup"), 800, 600));
        stage.show();
    }
}
