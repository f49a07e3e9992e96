package com.npskms.ui;

import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/** The wizard window: opens on the Start page; secrets are wiped when it hides. */
public final class WizardApp extends Application {
    /** The stylesheet of every window and dialog of the wizard. */
    public static final String STYLESHEET = "/com/npskms/ui/css/wizard.css";

    @Override
    public void start(Stage stage) {
        open(stage, WizardOptions.defaults());
    }

    /** Builds the wizard in this stage, shows the Start page and the window, and returns its navigation. */
    public static Wizard open(Stage stage, WizardOptions options) {
        Wizard wizard = new Wizard(options);
        MainWindow window = new MainWindow(wizard);
        wizard.setNotifier(window::notify);
        wizard.setCancelAction(window::cancel);
        Scene scene = new Scene(window.root());
        scene.getStylesheets().add(WizardApp.class.getResource(STYLESHEET).toExternalForm());
        stage.setScene(scene);
        stage.titleProperty().bind(javafx.beans.binding.Bindings.when(wizard.session().sandboxActiveProperty())
                .then(Messages.format("app.title.sandbox", Messages.text("app.title")))
                .otherwise(Messages.text("app.title")));
        WindowPlacement placement = options.rememberPlacement() ? WindowPlacement.forUser() : null;
        if (placement != null) {
            placement.restore(stage);
        } else {
            stage.setMinWidth(WindowPlacement.MIN_WIDTH);
            stage.setMinHeight(WindowPlacement.MIN_HEIGHT);
            stage.setWidth(960);
            stage.setHeight(680);
        }
        stage.setOnCloseRequest(e -> {
            e.consume();
            window.cancel();
        });
        stage.setOnHidden(e -> {
            if (placement != null) {
                placement.save(stage);
            }
            wizard.close();
        });
        wizard.goTo(Page.START);
        stage.show();
        // Decoding the icons (PNG reader classes and all) waits until the first frame is drawn, and runs beside
        // the FX thread so the page answers meanwhile.
        scene.addPostLayoutPulseListener(new Runnable() {
            @Override
            public void run() {
                scene.removePostLayoutPulseListener(this);
                Thread icons = new Thread(() -> {
                    List<Image> loaded = AppIcons.load();
                    Platform.runLater(() -> stage.getIcons().setAll(loaded));
                }, "window-icons");
                icons.setDaemon(true);
                icons.start();
            }
        });
        return wizard;
    }
}
