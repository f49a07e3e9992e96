package com.npskms.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Proves the headless UI test setup (TestFX + Monocle) works: a click changes what the user sees. */
@ExtendWith(ApplicationExtension.class)
class HeadlessSmokeTest {
    private Label label;

    @Start
    void start(Stage stage) {
        label = new Label("not clicked");
        Button button = new Button("Click me");
        button.setOnAction(e -> label.setText("clicked"));
        stage.setScene(new Scene(new VBox(button, label), 300, 200));
        stage.show();
    }

    @Test
    void clickingTheButtonChangesTheLabel(FxRobot robot) {
        robot.clickOn("Click me");
        assertEquals("clicked", label.getText());
    }
}
