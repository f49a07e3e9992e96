package com.npskms.ui;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.image.Image;

/** The application's icon in the sizes found under {@code /com/npskms/ui/icons/}. */
public final class AppIcons {
    private static final int[] SIZES = {16, 24, 32, 48, 64, 128, 256, 512};

    private AppIcons() {
    }

    /** Every icon size present, smallest first; empty when none is packaged. */
    public static List<Image> load() {
        List<Image> icons = new ArrayList<>();
        for (int size : SIZES) {
            String name = "/com/npskms/ui/icons/icon-" + size + ".png";
            try (InputStream in = AppIcons.class.getResourceAsStream(name)) {
                if (in != null) {
                    icons.add(new Image(in));
                }
            } catch (java.io.IOException ignored) {
                // a missing or unreadable size is simply not offered to the window manager
            }
        }
        return icons;
    }
}
