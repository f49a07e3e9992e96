package com.npskms.ui;

import java.util.prefs.Preferences;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/** Remembers the window's size and position between runs (java.util.prefs), kept on a visible screen. */
public final class WindowPlacement {
    static final double MIN_WIDTH = 800;
    static final double MIN_HEIGHT = 600;
    private final Preferences prefs;

    public WindowPlacement(Preferences prefs) {
        this.prefs = prefs;
    }

    /** The user's preferences node of this application. */
    public static WindowPlacement forUser() {
        return new WindowPlacement(Preferences.userNodeForPackage(WindowPlacement.class).node("window"));
    }

    /** Sizes and places the stage as last time (or a comfortable default), never off screen. */
    public void restore(Stage stage) {
        stage.setMinWidth(MIN_WIDTH);
        stage.setMinHeight(MIN_HEIGHT);
        double w = Math.max(MIN_WIDTH, prefs.getDouble("width", 960));
        double h = Math.max(MIN_HEIGHT, prefs.getDouble("height", 680));
        stage.setWidth(w);
        stage.setHeight(h);
        double x = prefs.getDouble("x", Double.NaN);
        double y = prefs.getDouble("y", Double.NaN);
        if (!Double.isNaN(x) && !Double.isNaN(y) && onSomeScreen(x, y, w, h)) {
            stage.setX(x);
            stage.setY(y);
        } else {
            stage.centerOnScreen();
        }
        stage.setMaximized(prefs.getBoolean("maximized", false));
    }

    /** Stores where the stage is now. */
    public void save(Stage stage) {
        prefs.putBoolean("maximized", stage.isMaximized());
        if (!stage.isMaximized()) {
            prefs.putDouble("x", stage.getX());
            prefs.putDouble("y", stage.getY());
            prefs.putDouble("width", stage.getWidth());
            prefs.putDouble("height", stage.getHeight());
        }
    }

    private static boolean onSomeScreen(double x, double y, double w, double h) {
        // At least the title bar's middle must be reachable, or the window could not be moved back.
        return !Screen.getScreensForRectangle(new Rectangle2D(x + w / 4, y, w / 2, 40)).isEmpty();
    }
}
