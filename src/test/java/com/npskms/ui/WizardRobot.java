package com.npskms.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Drives the wizard the way a user does, counting the user's actions (clicks and key presses), and waits
 * for background work by watching the wizard's processing flag, never by sleeping.
 */
final class WizardRobot {
    private final FxRobot robot;
    private final Wizard wizard;
    private int actions;

    WizardRobot(FxRobot robot, Wizard wizard) {
        this.robot = robot;
        this.wizard = wizard;
    }

    Wizard wizard() {
        return wizard;
    }

    FxRobot fx() {
        return robot;
    }

    int actions() {
        return actions;
    }

    /** Presses Enter (the default button, Next) once work has finished. */
    void enter() {
        idle();
        actions++;
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Presses Escape (Cancel). */
    void escape() {
        idle();
        actions++;
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Clicks a node found by CSS query or by its text. */
    void click(String query) {
        idle();
        actions++;
        robot.clickOn(query);
        WaitForAsyncUtils.waitForFxEvents();
    }

    void click(Node node) {
        idle();
        actions++;
        robot.clickOn(node);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Replaces a field's text the way a user pastes it: click, select all, paste (three actions). */
    void type(TextInputControl field, String text) {
        click(field);
        robot.push(KeyCode.CONTROL, KeyCode.A);
        actions++;
        if (text.isEmpty()) {
            robot.type(KeyCode.BACK_SPACE);
        } else {
            robot.interact(() -> javafx.scene.input.Clipboard.getSystemClipboard()
                    .setContent(java.util.Map.of(javafx.scene.input.DataFormat.PLAIN_TEXT, text)));
            robot.push(KeyCode.CONTROL, KeyCode.V);
        }
        actions++;
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(text, field.getText(), "the field holds what was pasted");
    }

    /** Waits until no AWS work runs. */
    void idle() {
        WaitForAsyncUtils.waitForFxEvents();
        try {
            WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> !wizard.processingProperty().get());
        } catch (TimeoutException e) {
            fail("the wizard kept working for 90 s; status: " + wizard.statusProperty().get());
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Waits for a page and checks it is the one shown. */
    void on(Page page) {
        idle();
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> wizard.pageProperty().get() == page);
        } catch (TimeoutException e) {
            fail("expected page " + page + " but the wizard shows " + wizard.pageProperty().get() + diagnostics());
        }
        if (page == Page.START) {
            try {
                WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                        () -> ((com.npskms.ui.pages.StartPage) wizard.controller(Page.START)).isJournalRead());
            } catch (TimeoutException e) {
                fail("the record of the last run was not read");
            }
        }
        idle();
        assertEquals(page, wizard.pageProperty().get());
    }

    /** The plain-words problem shown on the page, or "" when none. */
    String visibleProblem() {
        return robot.lookup(".problem-view").queryAll().stream()
                .filter(n -> n.isVisible() && n.getScene() != null && ((com.npskms.ui.common.ProblemView) n).problem() != null)
                .map(n -> ((com.npskms.ui.common.ProblemView) n).problem().toText()).findFirst().orElse("");
    }

    /** What the page shows, for failure messages: problem, Next state, field messages, focus. */
    String diagnostics() {
        return "; problem: " + visibleProblem() + "; next " + (nextButton().isDisabled() ? "disabled" : "enabled")
                + robot.lookup(".field-message").queryAll().stream().filter(n -> n.isVisible() && n.getScene() != null)
                .map(n -> "; field: " + ((Labeled) n).getText()).reduce("", String::concat)
                + "; focus " + nextButton().getScene().getFocusOwner();
    }

    /** From the Start page to the Policy page in Sandbox mode: Next, Connect, Next. */
    void startSetupInSandbox() {
        on(Page.START);
        enter();
        on(Page.CONNECT);
        enter();
        idle();
        if (!visibleProblem().isEmpty()) {
            fail("connecting to the sandbox failed" + diagnostics());
        }
        enter();
        on(Page.POLICY);
    }

    /** From the Start page to the user's access keys in Sandbox mode: Rotate, Next, Connect, Next, Next (user name). */
    void startRotationInSandbox() {
        on(Page.START);
        click("#rotateChoice");
        enter();
        on(Page.CONNECT);
        enter();
        idle();
        enter();
        on(Page.ROTATE_KEYS);
        enter();
        idle();
    }

    /** Presses Next with the defaults page after page until {@code stop} shows. */
    void acceptDefaultsUntil(Page stop) {
        idle();
        while (wizard.pageProperty().get() != stop) {
            Page before = wizard.pageProperty().get();
            enter();
            idle();
            if (wizard.pageProperty().get() == before && before != Page.VERIFY) {
                fail("Next did not leave " + before + diagnostics());
            }
        }
    }

    /** The text of a visible label found by CSS query. */
    String text(String query) {
        idle();
        return ((Labeled) robot.lookup(query).query()).getText();
    }

    <T extends Node> T find(String query) {
        return robot.lookup(query).query();
    }

    Button nextButton() {
        return robot.lookup("#nextButton").queryButton();
    }

    boolean nextEnabled() {
        idle();
        return !nextButton().isDisabled();
    }
}
