package com.npskms.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.prefs.Preferences;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/** The window opens where and as large as it was left, never smaller than 800×600. */
@ExtendWith(ApplicationExtension.class)
class WindowPlacementTest {
    private final Preferences node = Preferences.userRoot().node("npskms-test-" + System.nanoTime());

    @AfterEach
    void forget() throws Exception {
        node.removeNode();
    }

    @Test
    void sizeAndPositionAreRemembered(FxRobot fx) {
        WindowPlacement placement = new WindowPlacement(node);
        fx.interact(() -> {
            Stage first = new Stage();
            placement.restore(first);
            first.setX(70);
            first.setY(50);
            first.setWidth(1010);
            first.setHeight(705);
            placement.save(first);
            first.close();

            Stage again = new Stage();
            new WindowPlacement(node).restore(again);
            assertEquals(70, again.getX());
            assertEquals(50, again.getY());
            assertEquals(1010, again.getWidth());
            assertEquals(705, again.getHeight());

            node.putDouble("width", 300);
            node.putDouble("height", 200);
            Stage small = new Stage();
            new WindowPlacement(node).restore(small);
            assertEquals(800, small.getWidth(), "never narrower than the layout needs");
            assertEquals(600, small.getHeight());
        });
    }
}
