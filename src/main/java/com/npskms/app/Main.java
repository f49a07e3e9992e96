package com.npskms.app;

import com.npskms.cli.Cli;
import java.util.Locale;

/**
 * Entry point: with no arguments the wizard window opens; with any argument the command line runs
 * (so the packaged launcher scripts on a server without a display).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            System.exit(Cli.run(args));
        }
        if (!displayAvailable(System.getProperty("os.name", ""), System.getenv("DISPLAY"),
                System.getenv("WAYLAND_DISPLAY"))) {
            System.err.println(NO_DISPLAY);
            System.exit(2);
        }
        try {
            javafx.application.Application.launch(com.npskms.ui.WizardApp.class, args);
        } catch (RuntimeException e) {
            // JavaFX could not open a window (no display, no graphics libraries): say so in plain words.
            System.err.println("The wizard window could not be opened: " + e.getMessage() + "\n" + NO_DISPLAY);
            System.exit(1);
        }
    }

    static final String NO_DISPLAY = "No display to show the wizard on. On a server, use the command line: "
            + "nps-kms-setup --help (for example: nps-kms-setup setup --profile NAME --region REGION).";

    /** On Linux and other X11/Wayland systems a window needs DISPLAY or WAYLAND_DISPLAY; Windows and macOS always have one. */
    static boolean displayAvailable(String osName, String display, String waylandDisplay) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows") || os.startsWith("mac")) {
            return true;
        }
        return (display != null && !display.isBlank()) || (waylandDisplay != null && !waylandDisplay.isBlank());
    }
}
