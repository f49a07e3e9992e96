package com.npskms.ui;

import com.npskms.ui.common.ClipboardGuard;
import com.npskms.ui.common.Tasks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import com.npskms.ui.common.Busy;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/**
 * Navigation and shared state of one wizard window: the flow (setup or rotation), the page shown,
 * the loaded pages, and whether work is running. Branching is plain code in the pages: they call
 * {@link #advance()}, {@link #goTo(Page)} or {@link #back()}.
 */
public final class Wizard {
    /** Which procedure the user chose on the Start page. */
    public enum Flow { SETUP, ROTATION }

    private final WizardOptions options;
    private final SetupSession session;
    private final ClipboardGuard clipboard;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "aws-calls");
        t.setDaemon(true);
        return t;
    });
    private final ObjectProperty<Flow> flow = new SimpleObjectProperty<>(Flow.SETUP);
    private final ObjectProperty<Page> page = new SimpleObjectProperty<>();
    private final Busy processing = new Busy();
    private final StringProperty status = new SimpleStringProperty("");
    private final Map<Page, Loaded> pages = new EnumMap<>(Page.class);
    private java.util.function.Consumer<String> notifier = s -> { };
    private Runnable cancelAction = () -> { };

    private record Loaded(Parent view, WizardPage controller) {
    }

    public Wizard(WizardOptions options) {
        this.options = options;
        this.session = new SetupSession(options);
        this.clipboard = new ClipboardGuard(options.secretLifetime());
    }

    public WizardOptions options() {
        return options;
    }

    /** The connection, the run and its state. */
    public SetupSession session() {
        return session;
    }

    void setNotifier(java.util.function.Consumer<String> n) {
        this.notifier = n;
    }

    void setCancelAction(Runnable r) {
        this.cancelAction = r;
    }

    /** What Cancel does: asks whether to roll back or keep what this run created. */
    public void requestCancel() {
        cancelAction.run();
    }

    /** Shows a short message in the window's corner (ControlsFX notification). */
    public void notify(String text) {
        notifier.accept(text);
    }

    public ClipboardGuard clipboard() {
        return clipboard;
    }

    public ObjectProperty<Flow> flowProperty() {
        return flow;
    }

    /** The pages of the current flow, in order. */
    public List<Page> flowPages() {
        return flow.get() == Flow.ROTATION ? Page.ROTATION_FLOW : Page.SETUP_FLOW;
    }

    public ObjectProperty<Page> pageProperty() {
        return page;
    }

    /** True while an AWS call runs: Next is disabled and the spinner shows. */
    public ReadOnlyBooleanProperty processingProperty() {
        return processing.property();
    }

    /** The count behind {@link #processingProperty()}, for work that is not a {@link #task} (the Start page's wait). */
    public Busy busy() {
        return processing;
    }

    /** What the running work is doing, for the bottom bar. */
    public StringProperty statusProperty() {
        return status;
    }

    /** Runs work off the FX thread with {@link #processingProperty()} set while it runs. */
    public <T> Tasks.Builder<T> task(Callable<T> work) {
        // A failure no page expected still reaches the user in plain words, never as a stack trace.
        return Tasks.create(work).processing(processing)
                .otherwise(e -> notify(SetupSession.problemOf(e, Messages.text("main.unexpected")).toText()));
    }

    /** Starts a built task on the wizard's worker thread (one AWS job at a time). */
    public <T> void run(Tasks.Builder<T> builder) {
        if (worker.isShutdown()) {
            // The window has closed: a late timer or click has nothing left to do.
            return;
        }
        builder.runOnce(worker);
    }

    /** The view of a page, loading it on first use. */
    public Parent view(Page p) {
        return load(p).view();
    }

    /** The controller of a page, loading it on first use. */
    public WizardPage controller(Page p) {
        return load(p).controller();
    }

    private Loaded load(Page p) {
        return pages.computeIfAbsent(p, key -> {
            WizardPage inCode = key.newInCode();
            if (inCode != null) {
                inCode.attach(this);
                return new Loaded(inCode.buildView(), inCode);
            }
            FXMLLoader loader = new FXMLLoader(getClass().getResource(key.fxml().resource()), Messages.bundle());
            loader.setControllerFactory(type -> {
                try {
                    Object c = type.getDeclaredConstructor().newInstance();
                    if (c instanceof WizardPage wp) {
                        wp.attach(this);
                    }
                    return c;
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot create " + type, e);
                }
            });
            try {
                Parent view = loader.load();
                return new Loaded(view, loader.getController());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Shows a page. */
    public void goTo(Page p) {
        Page old = page.get();
        if (old != null) {
            controller(old).hidden();
        }
        status.set("");
        page.set(p);
        controller(p).shown();
    }

    /** Shows the next page of the flow. */
    public void advance() {
        List<Page> list = flowPages();
        int i = list.indexOf(page.get());
        if (i >= 0 && i + 1 < list.size()) {
            goTo(list.get(i + 1));
        }
    }

    /** True when Back is possible from the page shown. */
    public boolean canGoBack() {
        Page p = page.get();
        int i = flowPages().indexOf(p);
        return i > 0 && controller(p).backAllowedProperty().get() && !session.createdSomething();
    }

    /** Shows the previous page of the flow, when allowed. */
    public void back() {
        if (canGoBack()) {
            List<Page> list = flowPages();
            goTo(list.get(list.indexOf(page.get()) - 1));
        }
    }

    /** Next on the page shown. */
    public void next() {
        if (!processing.get()) {
            controller(page.get()).next();
        }
    }

    /** Wipes every secret from the pages and memory, and the clipboard if it still holds one. */
    public void wipeSecrets() {
        clipboard.clearSecret();
        pages.values().forEach(l -> l.controller().wipe());
        session.wipeSecrets();
    }

    /** Ends background work and closes the connection (and a sandbox this window started). */
    public void close() {
        wipeSecrets();
        worker.shutdownNow();
        session.close();
    }
}
