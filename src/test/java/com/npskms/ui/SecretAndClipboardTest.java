package com.npskms.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.npskms.setup.SecretText;
import com.npskms.ui.common.SecretDisplay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.util.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The secret on the Result page: masked by default, revealed on toggle, copied with "Copied" as the answer,
 * taken off the clipboard after its lifetime (short here), left out of the saved summary unless ticked,
 * and wiped when the window hides.
 */
class SecretAndClipboardTest extends WizardTestBase {
    @TempDir
    Path out;

    @Override
    protected WizardOptions options() {
        return super.options().withSecretLifetime(Duration.millis(400));
    }

    private static String clipboard(FxRobot fx) {
        String[] s = new String[1];
        fx.interact(() -> s[0] = Clipboard.getSystemClipboard().hasString() ? Clipboard.getSystemClipboard().getString() : null);
        return s[0];
    }

    @Test
    void secretIsMaskedRevealedCopiedClearedAndWiped(FxRobot fx) throws Exception {
        WizardRobot user = new WizardRobot(fx, wizard);
        user.startSetupInSandbox();
        user.acceptDefaultsUntil(Page.RESULT);
        SecretDisplay secret = user.find("#secret");
        TextField shown = fx.lookup("#secret .value-field").query();
        String real = wizard.session().state().secretAccessKey.reveal();

        assertFalse(shown.getText().contains(real), "masked by default");
        user.click(secret.revealButton());
        assertEquals(real, shown.getText(), "revealed on toggle");
        user.click(secret.revealButton());
        assertFalse(shown.getText().contains(real), "masked again");

        user.click(secret.copyButton());
        assertEquals("Copied", secret.copyButton().getText(), "Copy answers Copied");
        assertEquals(real, clipboard(fx), "the secret is on the clipboard");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> clipboard(fx) == null || !real.equals(clipboard(fx)));
        assertTrue(clipboard(fx) == null || clipboard(fx).isEmpty(), "cleared after its lifetime");

        // Something else copied afterwards is left alone.
        user.click(secret.copyButton());
        Button copyId = fx.lookup("#accessKeyId .copy-button").queryButton();
        user.click(copyId);
        String keyId = wizard.session().state().accessKeyId;
        Thread.sleep(800);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(keyId, clipboard(fx), "a later copy of something else is not cleared");

        // Copy all holds the three values that are not secret, never the secret.
        user.click("#copyAllButton");
        String all = clipboard(fx);
        assertTrue(all.contains(keyId) && all.contains(wizard.session().state().keyArn) && all.contains(sandbox.region()), all);
        assertFalse(all.contains(real), "Copy all leaves the secret out");

        // The summary leaves the secret out unless ticked.
        var page = (com.npskms.ui.pages.ResultPage) wizard.controller(Page.RESULT);
        Path plain = out.resolve("summary.json");
        fx.interact(() -> page.save(plain, true));
        assertFalse(Files.readString(plain).contains(real), "no secret in the summary by default");
        user.click(fx.lookup("#includeSecret").<CheckBox>query());
        Path withSecret = out.resolve("summary.txt");
        fx.interact(() -> page.save(withSecret, false));
        assertTrue(Files.readString(withSecret).contains(real), "the secret when explicitly ticked");

        SecretText held = wizard.session().state().secretAccessKey;
        user.click(secret.copyButton());
        fx.interact(() -> stage.hide());
        assertTrue(held.isWiped(), "the secret is wiped from memory when the window hides");
        assertTrue(shown.getText().isEmpty(), "and from the screen");
        assertTrue(clipboard(fx) == null || !clipboard(fx).equals(real), "and from the clipboard");
    }
}
