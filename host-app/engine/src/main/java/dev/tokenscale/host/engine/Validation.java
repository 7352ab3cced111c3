package dev.tokenscale.host.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Measured against predicted, row by row, with the error statistics per hardware and model and overall
 * ({@code docs/cli.md} documents the JSON fields).
 *
 * @param rows    every row with its prediction
 * @param summary error statistics
 */
public record Validation(List<Row> rows, Summary summary) {

    /**
     * One row.
     *
     * @param hardware      hardware id
     * @param model         model id
     * @param phase         "decode" or "prefill"
     * @param batch         sequences
     * @param contextTokens cached tokens per sequence
     * @param promptTokens  prompt tokens per sequence (0 for decode)
     * @param measured      measured seconds
     * @param predicted     predicted seconds
     * @param errorPercent  signed error, 100 x (predicted / measured - 1)
     */
    public record Row(String hardware, String model, String phase, int batch, long contextTokens, long promptTokens,
                      double measured, double predicted, double errorPercent) {
    }

    /**
     * Error statistics of one hardware and model.
     *
     * @param hardware              hardware id
     * @param model                 model id
     * @param rows                  rows
     * @param medianAbsErrorPercent median absolute error, percent
     * @param maxAbsErrorPercent    largest absolute error, percent
     */
    public record Group(String hardware, String model, int rows, double medianAbsErrorPercent,
                        double maxAbsErrorPercent) {
    }

    /**
     * Error statistics over all rows, and per hardware and model.
     *
     * @param rows                  rows
     * @param medianAbsErrorPercent median absolute error over all rows, percent
     * @param maxAbsErrorPercent    largest absolute error over all rows, percent
     * @param groups                per hardware and model, in the order they first appear
     */
    public record Summary(int rows, double medianAbsErrorPercent, double maxAbsErrorPercent, List<Group> groups) {
    }

    /** Predicts every case on the accelerator that {@code hardware} returns for its row's hardware id. */
    public static Validation of(List<MeasuredCase> cases, Function<String, Accelerator> hardware) {
        List<Row> rows = new ArrayList<>();
        Map<List<String>, List<Double>> byGroup = new LinkedHashMap<>();
        double[] all = new double[cases.size()];
        for (int i = 0; i < cases.size(); i++) {
            MeasuredCase c = cases.get(i);
            Measurement m = c.row();
            double predicted = c.predict(hardware.apply(m.hardware()));
            double error = c.errorPercent(predicted);
            all[i] = error;
            rows.add(new Row(m.hardware(), m.model(), m.phase().name().toLowerCase(Locale.ROOT), m.batch(),
                    m.contextTokens(), m.promptTokens(), m.seconds(), predicted, error));
            byGroup.computeIfAbsent(List.of(m.hardware(), m.model()), k -> new ArrayList<>()).add(error);
        }
        List<Group> groups = new ArrayList<>();
        byGroup.forEach((key, errors) -> {
            ErrorStats stats = ErrorStats.of(errors.stream().mapToDouble(Double::doubleValue).toArray());
            groups.add(new Group(key.get(0), key.get(1), stats.rows(), stats.medianAbsErrorPercent(),
                    stats.maxAbsErrorPercent()));
        });
        ErrorStats overall = ErrorStats.of(all);
        return new Validation(List.copyOf(rows), new Summary(overall.rows(), overall.medianAbsErrorPercent(),
                overall.maxAbsErrorPercent(), List.copyOf(groups)));
    }
}
