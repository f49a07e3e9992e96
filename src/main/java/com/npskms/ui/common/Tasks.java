package com.npskms.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.concurrent.Task;

/**
 * Builds a {@link Task} that runs off the FX thread and answers on it:
 * {@code Tasks.create(() -> run.inspect(id)).onSuccess(this::show).onError(ProblemException.class, this::fail)
 * .andFinally(...).runOnce(executor)}. A {@code processing} property is true while it runs (Next disabled,
 * spinner shown).
 */
public final class Tasks {
    private Tasks() {
    }

    /** Starts building a task around work that returns a value. */
    public static <T> Builder<T> create(Callable<T> work) {
        return new Builder<>(work);
    }

    /** Starts building a task around work without a value. */
    public static Builder<Void> create(Runnable work) {
        return new Builder<>(() -> {
            work.run();
            return null;
        });
    }

    /** The fluent builder. */
    public static final class Builder<T> {
        private final Callable<T> work;
        private Consumer<T> onSuccess = v -> { };
        private final List<ErrorHandler<?>> errorHandlers = new ArrayList<>();
        private Runnable andFinally = () -> { };
        private Busy processing;
        private Consumer<Task<T>> onStart = t -> { };
        private Consumer<Throwable> otherwise;

        private Builder(Callable<T> work) {
            this.work = work;
        }

        /** Runs on the FX thread with the result. */
        public Builder<T> onSuccess(Consumer<T> handler) {
            this.onSuccess = handler;
            return this;
        }

        /** Runs on the FX thread when the work failed with this type (first matching handler wins). */
        public <E extends Throwable> Builder<T> onError(Class<E> type, Consumer<E> handler) {
            errorHandlers.add(new ErrorHandler<>(type, handler));
            return this;
        }

        /** Runs on the FX thread after success or failure. */
        public Builder<T> andFinally(Runnable r) {
            this.andFinally = r;
            return this;
        }

        /** Runs on the FX thread for a failure no {@link #onError} handler took. */
        public Builder<T> otherwise(Consumer<Throwable> handler) {
            this.otherwise = handler;
            return this;
        }

        /** True while the task runs. */
        public Builder<T> processing(Busy busy) {
            this.processing = busy;
            return this;
        }

        /** Called on the FX thread with the task just before it is submitted (to bind a message, say). */
        public Builder<T> beforeStart(Consumer<Task<T>> handler) {
            this.onStart = handler;
            return this;
        }

        /** The task, not yet started. */
        public Task<T> build() {
            Task<T> task = new Task<>() {
                @Override
                protected T call() throws Exception {
                    return work.call();
                }
            };
            task.setOnSucceeded(e -> {
                try {
                    onSuccess.accept(task.getValue());
                } finally {
                    finish();
                }
            });
            task.setOnFailed(e -> {
                try {
                    handle(task.getException());
                } finally {
                    finish();
                }
            });
            task.setOnCancelled(e -> finish());
            return task;
        }

        /** Builds the task and runs it once on the executor. Call on the FX thread. */
        public Task<T> runOnce(Executor executor) {
            Task<T> task = build();
            if (processing != null) {
                processing.enter();
            }
            onStart.accept(task);
            executor.execute(task);
            return task;
        }

        private void finish() {
            if (processing != null) {
                processing.exit();
            }
            andFinally.run();
        }

        private void handle(Throwable failure) {
            for (ErrorHandler<?> h : errorHandlers) {
                if (h.accepts(failure)) {
                    h.handle(failure);
                    return;
                }
            }
            if (otherwise != null) {
                otherwise.accept(failure);
                return;
            }
            Thread t = Thread.currentThread();
            t.getUncaughtExceptionHandler().uncaughtException(t, failure);
        }
    }

    private record ErrorHandler<E extends Throwable>(Class<E> type, Consumer<E> handler) {
        boolean accepts(Throwable t) {
            return type.isInstance(t);
        }

        void handle(Throwable t) {
            handler.accept(type.cast(t));
        }
    }
}
