package io.portal.console.ui.common;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.value.ObservableBooleanValue;

/**
 * An action a view-model offers: buttons bind their {@code disable} to {@link #executableProperty()} and may show
 * {@link #runningProperty()}. Executing a command that is not executable does nothing.
 */
public final class Command {
    private final Runnable action;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final BooleanBinding executable;

    public Command(Runnable action) {
        this(action, new ReadOnlyBooleanWrapper(true));
    }

    public Command(Runnable action, ObservableBooleanValue condition) {
        this.action = action;
        this.executable = Bindings.createBooleanBinding(() -> condition.get() && !running.get(), condition, running);
    }

    public void execute() {
        if (executable.get()) {
            action.run();
        }
    }

    /** For commands that finish later: mark them running until {@link #finished()}. */
    public void started() {
        running.set(true);
    }

    public void finished() {
        running.set(false);
    }

    public BooleanBinding executableProperty() {
        return executable;
    }

    public boolean isExecutable() {
        return executable.get();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }
}
