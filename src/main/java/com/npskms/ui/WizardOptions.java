package com.npskms.ui;

import com.npskms.sandbox.Sandbox;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.util.Duration;

/**
 * What the wizard window depends on from outside, so tests can choose: where the run journal lives,
 * how long a copied secret stays on the clipboard, how the Sandbox is started, whether AWS credentials
 * exist on this machine, and whether the window remembers its placement.
 *
 * @param journalDir      folder of the run journal (null: the engine's default location)
 * @param secretLifetime  how long a copied secret may stay on the clipboard
 * @param sandboxStarter  starts the Sandbox for Sandbox mode (called off the FX thread)
 * @param ownsSandbox     true when the wizard closes the Sandbox it started
 * @param credentialsFound true when some AWS credentials are configured (else Sandbox is preselected)
 * @param rememberPlacement true to restore and save the window's size and position
 */
public record WizardOptions(Path journalDir, Duration secretLifetime, Supplier<Sandbox> sandboxStarter,
                            boolean ownsSandbox, BooleanSupplier credentialsFound, boolean rememberPlacement) {

    /** The options of the real application. */
    public static WizardOptions defaults() {
        // Lambdas, not method references: a method reference links SandboxMode at once, and verifying it loads
        // the Sandbox, Journal and AWS SDK classes; a lambda links them only when Sandbox mode starts.
        return new WizardOptions(null, Duration.seconds(60), () -> SandboxMode.startPersistent(), true,
                () -> CredentialsOnMachine.found(), true);
    }

    public WizardOptions withJournalDir(Path dir) {
        return new WizardOptions(dir, secretLifetime, sandboxStarter, ownsSandbox, credentialsFound, rememberPlacement);
    }

    public WizardOptions withSecretLifetime(Duration d) {
        return new WizardOptions(journalDir, d, sandboxStarter, ownsSandbox, credentialsFound, rememberPlacement);
    }

    /** Uses this already running sandbox (the caller closes it). */
    public WizardOptions withSandbox(Sandbox sandbox) {
        return new WizardOptions(journalDir, secretLifetime, () -> sandbox, false, credentialsFound, rememberPlacement);
    }

    /** Starts the Sandbox this way, when Sandbox mode is chosen (the wizard closes it). */
    public WizardOptions withSandboxStarter(Supplier<Sandbox> starter) {
        return new WizardOptions(journalDir, secretLifetime, starter, true, credentialsFound, rememberPlacement);
    }

    public WizardOptions withCredentialsFound(boolean found) {
        return new WizardOptions(journalDir, secretLifetime, sandboxStarter, ownsSandbox, () -> found, rememberPlacement);
    }

    public WizardOptions withRememberPlacement(boolean remember) {
        return new WizardOptions(journalDir, secretLifetime, sandboxStarter, ownsSandbox, credentialsFound, remember);
    }
}
