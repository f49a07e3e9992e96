package com.npskms.app;

import com.npskms.cli.Cli;

/**
 * Entry point: with no arguments the wizard window opens; with any argument the command line runs
 * (so the packaged launcher scripts on a server without a display).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            javafx.application.Application.launch(com.npskms.ui.WizardApp.class, args);
        } else {
            System.exit(Cli.run(args));
        }
    }
}
