package dev.tokenscale.host.engine;

import dev.tokenscale.api.ModelArchitecture;

/**
 * A measured row made ready to predict on one device: its model, workload and the whole model placed on one
 * device (the way the rows are measured). The placement depends on memory only, so it is made once and the row can
 * then be predicted under any execution parameters.
 *
 * @param row      the measurement
 * @param model    its model
 * @param workload the workload in the model's native precisions
 * @param shard    the whole model on one device
 */
public record MeasuredCase(Measurement row, ModelArchitecture model, Workload workload, Shard shard) {

    /**
     * Prepares a row on one device of {@code a}.
     *
     * @throws IllegalArgumentException when the model does not fit one device at the row's batch and context
     */
    public static MeasuredCase of(Measurement row, ModelArchitecture m, Accelerator a) {
        Workload w = Workload.of(m, row.batch(), row.tokensHeld(), Math.max(1, row.promptTokens()));
        Placements.Built built = Placements.build(m, a, w, Shard.ALONE);
        if (built.placement() == null) {
            throw new IllegalArgumentException(row.where() + ": " + m.id() + " does not fit one " + a.id()
                    + " device: " + built.problem());
        }
        return new MeasuredCase(row, m, w, built.placement().stages().get(0));
    }

    /** Predicted seconds of the row on {@code a} (the same hardware, perhaps with other execution parameters). */
    public double predict(Accelerator a) {
        return StepTime.seconds(model, a, workload, shard, row.pass());
    }

    /** Signed error of a prediction against the measurement, percent. */
    public double errorPercent(double predicted) {
        return 100 * (predicted / row.seconds() - 1);
    }
}
