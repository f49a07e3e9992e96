package com.npskms.ui;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The controller of one page: it knows its fields, what Next does (often a task off the FX thread,
 * then {@link Wizard#advance()}), and whether the user's input currently blocks Next.
 */
public abstract class WizardPage {
    protected Wizard wizard;
    /** True while the page's input breaks a rule: Next is disabled. */
    protected final BooleanProperty blocked = new SimpleBooleanProperty(false);
    /** The label of the Next button on this page. */
    protected final StringProperty nextText = new SimpleStringProperty(Messages.text("button.next"));
    /** True when Back may leave this page. */
    protected final BooleanProperty backAllowed = new SimpleBooleanProperty(true);

    final void attach(Wizard w) {
        this.wizard = w;
    }

    /** The view of a page built in code (its {@link Page} has no FXML file); called once, after attaching. */
    protected javafx.scene.Parent buildView() {
        throw new IllegalStateException(getClass().getSimpleName() + " is loaded from FXML");
    }

    /** Called each time the page comes into view. */
    public void shown() {
    }

    /** Called when the page leaves the view. */
    public void hidden() {
    }

    /** What Next does on this page. */
    public abstract void next();

    /** Clears anything secret the page shows (the window is hiding). */
    public void wipe() {
    }

    public BooleanProperty blockedProperty() {
        return blocked;
    }

    public StringProperty nextTextProperty() {
        return nextText;
    }

    public BooleanProperty backAllowedProperty() {
        return backAllowed;
    }
}
