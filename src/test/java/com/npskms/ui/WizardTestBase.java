package com.npskms.ui;

import com.npskms.sandbox.Sandbox;
import java.nio.file.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.testfx.api.FxToolkit;

/** One sandbox per test class, a fresh wizard window per test, the run journal in a temporary folder. */
@ExtendWith(ApplicationExtension.class)
abstract class WizardTestBase {
    protected static Sandbox sandbox;
    @TempDir
    static Path journalDir;
    protected Wizard wizard;
    protected Stage stage;

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandbox.start();
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    /** The options of the window under test; subclasses may change them. */
    protected WizardOptions options() {
        return SandboxClients.options(sandbox, journalDir);
    }

    @BeforeEach
    void openWindow() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> wizard = WizardApp.open(stage, options()));
    }

    @AfterEach
    void closeWindow() throws Exception {
        FxToolkit.setupFixture(() -> stage.hide());
    }
}
