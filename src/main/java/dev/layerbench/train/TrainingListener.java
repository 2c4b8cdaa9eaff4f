package dev.layerbench.train;

/** Progress callbacks, so the CLI can draw progress without the trainer knowing about terminals. */
public interface TrainingListener {
    TrainingListener NONE = new TrainingListener() {
    };

    default void epochStarted(int epoch, int batches) {
    }

    default void batchFinished(int epoch, int batch) {
    }

    default void epochFinished(EpochRow row) {
    }
}
