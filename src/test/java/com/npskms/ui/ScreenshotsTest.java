package com.npskms.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.npskms.sandbox.SandboxKnobs;
import com.npskms.ui.common.PlanPreview;
import com.npskms.ui.common.ProblemView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * Renders every page of the wizard headless to {@code target/screenshots/} (the README's pictures are copied
 * from there), walking the real flows against the sandbox.
 */
class ScreenshotsTest extends WizardTestBase {
    static final Path DIR = Path.of("target/screenshots");
    @TempDir
    Path otherJournal;

    private void shoot(FxRobot fx, String name) {
        new WizardRobot(fx, wizard).idle();
        WritableImage[] image = new WritableImage[1];
        fx.interact(() -> image[0] = stage.getScene().snapshot(null));
        try {
            Files.createDirectories(DIR);
            Path file = DIR.resolve(name + ".png");
            ImageIO.write(SwingFXUtils.fromFXImage(image[0], null), "png", file.toFile());
            assertTrue(Files.size(file) > 10_000, name + " is a real picture");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void expandPlan(FxRobot fx) {
        fx.interact(() -> fx.lookup(".plan-preview").queryAll().stream().filter(n -> n.getScene() != null)
                .forEach(n -> ((PlanPreview) n).setExpanded(true)));
    }

    @Test
    void everyPage(FxRobot fx) throws Exception {
        WizardRobot user = new WizardRobot(fx, wizard);
        user.on(Page.START);
        shoot(fx, "01-start");
        user.enter();
        user.on(Page.CONNECT);
        user.enter();
        user.idle();
        shoot(fx, "02-connect");
        user.enter();
        user.on(Page.POLICY);
        expandPlan(fx);
        shoot(fx, "03-policy");
        user.enter();
        user.on(Page.USER);
        shoot(fx, "04-user");

        sandbox.knobs().failNext("CreateUser", SandboxKnobs.Fault.HTTP_503, 1000);
        user.enter();
        user.idle();
        fx.interact(() -> ((ProblemView) fx.lookup(".problem-view").query()).detailsPane().setExpanded(true));
        fx.interact(() -> ProblemView.scrollIntoView(fx.lookup(".problem-view").query()));
        shoot(fx, "10-error-retry");
        sandbox.knobs().clearFaults();
        user.enter();

        user.on(Page.ACCESS_KEY);
        shoot(fx, "05-access-key");
        user.enter();
        user.on(Page.KMS_KEY);
        shoot(fx, "06-kms-key");
        user.enter();
        user.on(Page.LEAST_PRIVILEGE);
        shoot(fx, "07-least-privilege");
        user.enter();
        user.on(Page.VERIFY);
        shoot(fx, "08-verify");
        user.enter();
        user.on(Page.RESULT);
        shoot(fx, "09-result");
        fx.interact(() -> stage.setWidth(800));
        fx.interact(() -> stage.setHeight(600));
        shoot(fx, "09-result-800x600");
        fx.interact(() -> stage.hide());

        // Rotation of the key just made.
        FxToolkit.setupFixture(() -> wizard = WizardApp.open(stage, SandboxClients.options(sandbox, journalDir)));
        user = new WizardRobot(fx, wizard);
        user.startRotationInSandbox();
        shoot(fx, "11-rotate-keys");
        user.enter();
        user.on(Page.ROTATE_NEW_KEY);
        user.click(fx.lookup("#npsSwitched").<CheckBox>query());
        shoot(fx, "12-rotate-new-key");
        user.enter();
        user.on(Page.ROTATE_RETIRE);
        user.enter();
        user.idle();
        shoot(fx, "13-rotate-retire");
        fx.interact(() -> stage.hide());

        // An unfinished run offered on the Start page, and the Cancel question.
        FxToolkit.setupFixture(() -> wizard = WizardApp.open(stage, SandboxClients.options(sandbox, otherJournal)));
        user = new WizardRobot(fx, wizard);
        user.on(Page.START);
        user.enter();
        user.on(Page.CONNECT);
        user.enter();
        user.idle();
        user.enter();
        user.on(Page.POLICY);
        fx.interact(() -> ((javafx.scene.control.TextField) fx.lookup("#policyName").query()).setText("NPS_KMS_Policy_B"));
        user.enter();
        user.on(Page.USER);
        fx.interact(() -> ((javafx.scene.control.TextField) fx.lookup("#userName").query()).setText("nps-kms-user-b"));
        fx.interact(() -> ((CheckBox) fx.lookup("#consoleAccess").query()).setSelected(true));
        expandPlan(fx);
        shoot(fx, "04-user-console-access");
        user.enter();
        user.on(Page.ACCESS_KEY);
        shoot(fx, "14-back-explained");
        user.escape();
        javafx.scene.Scene dialog = fx.lookup(".dialog-pane").query().getScene();
        WritableImage[] image = new WritableImage[1];
        fx.interact(() -> image[0] = dialog.snapshot(null));
        ImageIO.write(SwingFXUtils.fromFXImage(image[0], null), "png", DIR.resolve("15-cancel-question.png").toFile());
        user.click(fx.lookup(".dialog-pane .button").queryAll().stream().map(Button.class::cast)
                .filter(b -> b.getText().replace("_", "").equals("Keep and close")).findFirst().orElseThrow());
        FxToolkit.setupFixture(() -> wizard = WizardApp.open(stage, SandboxClients.options(sandbox, otherJournal)));
        user = new WizardRobot(fx, wizard);
        user.on(Page.START);
        shoot(fx, "16-start-unfinished");
    }
}
