package dev.layerbench.train;

import dev.layerbench.model.Network;

/** Progress callbacks, so the CLI can draw progress without the trainer knowing about terminals. */
public interface TrainingListener {
    TrainingListener NONE = new TrainingListener() {
        @Override
        public boolean watchesGradients() {
            return false;
        }
    };

    default void epochStarted(int epoch, int batches) {
    }

    default void batchFinished(int epoch, int batch) {
    }

    /**
     * After a step's gradients are computed and before the optimiser consumes them: {@code step} counts from 0
     * over the whole run, so at step 0 the parameters are still the initial ones. For tracing, not for changing
     * anything.
     */
    default void gradientsComputed(int epoch, int step, Network network) {
    }

    default void epochFinished(EpochRow row) {
    }

    /**
     * Whether this listener needs {@link #gradientsComputed}. While none does, plain SGD's update runs inside the
     * backward products ({@link Network#sgdStep}), where no gradient is stored to hand over; so a listener is
     * taken to need it unless it says otherwise.
     */
    default boolean watchesGradients() {
        return true;
    }

    /** This listener, then {@code next}, for every event. */
    default TrainingListener andThen(TrainingListener next) {
        TrainingListener first = this;
        return new TrainingListener() {
            @Override
            public void epochStarted(int epoch, int batches) {
                first.epochStarted(epoch, batches);
                next.epochStarted(epoch, batches);
            }

            @Override
            public void batchFinished(int epoch, int batch) {
                first.batchFinished(epoch, batch);
                next.batchFinished(epoch, batch);
            }

            @Override
            public void gradientsComputed(int epoch, int step, Network network) {
                first.gradientsComputed(epoch, step, network);
                next.gradientsComputed(epoch, step, network);
            }

            @Override
            public void epochFinished(EpochRow row) {
                first.epochFinished(row);
                next.epochFinished(row);
            }

            @Override
            public boolean watchesGradients() {
                return first.watchesGradients() || next.watchesGradients();
            }
        };
    }
}
