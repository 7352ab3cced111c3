package dev.tokenscale.host.engine;

import dev.tokenscale.api.ExecutionModel;
import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.api.OpTiming;
import dev.tokenscale.api.Operation;
import java.util.ArrayList;
import java.util.List;

/**
 * The time of one pass on one device: every operation of {@link StepOps} timed by the device's execution model
 * and summed. The explained form keeps each line so that the
 * terms add up to the total exactly.
 */
public final class StepTime {

    /**
     * One pass on one device.
     *
     * @param seconds     time from the pass's first operation to its last
     * @param busySeconds how long the device is busy with it: the interval at which it can accept another
     *                    micro-batch (the sum of the operations' occupancies; equal to {@code seconds} on a device
     *                    that runs one operation at a time)
     */
    public record Stage(double seconds, double busySeconds) {
    }

    private StepTime() {
    }

    /** Seconds for the pass, without keeping the breakdown (the fast path for sweeps). */
    public static double seconds(ModelArchitecture m, Accelerator a, Workload w, Shard shard, Pass pass) {
        return stage(m, a, w, shard, pass).seconds();
    }

    /** Seconds and busy time of the pass, without keeping the breakdown. */
    public static Stage stage(ModelArchitecture m, Accelerator a, Workload w, Shard shard, Pass pass) {
        Summer summer = new Summer(a.checkedModel());
        StepOps.emit(m, w, shard, pass, summer);
        return new Stage(positive(summer.total, a), summer.busy);
    }

    /** Every operation of the pass with its timing; the lines' totals sum to {@link #seconds}. */
    public static List<OpCost> explain(ModelArchitecture m, Accelerator a, Workload w, Shard shard, Pass pass) {
        List<OpCost> lines = new ArrayList<>();
        ExecutionModel model = a.checkedModel();
        StepOps.emit(m, w, shard, pass, (group, count, op) -> lines.add(new OpCost(group, count, op, model.time(op))));
        positive(total(lines), a);
        return lines;
    }

    /** A pass that takes no time would serve infinitely fast: the family's model answered nonsense. */
    private static double positive(double seconds, Accelerator a) {
        if (!(seconds > 0)) {
            throw new PluginFault(a.spec().family(), "timed a whole pass of " + a.id() + " at " + seconds
                    + " s; expected more than 0", null);
        }
        return seconds;
    }

    /** Sum of the lines' totals, in emission order (the same order {@link #seconds} adds them). */
    public static double total(List<OpCost> lines) {
        double total = 0;
        for (OpCost line : lines) {
            total += line.totalSeconds();
        }
        return total;
    }

    /** Sum of the lines' occupancies: the device's busy time for the pass. */
    public static double busy(List<OpCost> lines) {
        double busy = 0;
        for (OpCost line : lines) {
            busy += line.count() * line.timing().occupancySeconds();
        }
        return busy;
    }

    private static final class Summer implements OpSink {
        private final ExecutionModel model;
        private double total;
        private double busy;

        Summer(ExecutionModel model) {
            this.model = model;
        }

        @Override
        public void accept(String group, int count, Operation op) {
            OpTiming timing = model.time(op);
            total += count * timing.seconds();
            busy += count * timing.occupancySeconds();
        }
    }
}
