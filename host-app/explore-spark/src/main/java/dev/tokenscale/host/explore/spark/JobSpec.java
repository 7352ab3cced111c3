package dev.tokenscale.host.explore.spark;

import java.io.Serializable;
import java.util.List;

/**
 * A sweep as the job's options give it, plain text only, so that Spark ships it to every executor, which builds the
 * same designs, models and objectives from it.
 *
 * @param designs    base design ids
 * @param vary       the variations as written ({@code sramShare=0.3:0.8:0.05})
 * @param models     model ids
 * @param objectives objectives of the Pareto set as written ({@code cost@100})
 * @param context    cached tokens per sequence
 * @param prompt     prompt tokens
 */
public record JobSpec(List<String> designs, List<String> vary, List<String> models, List<String> objectives,
                      long context, long prompt) implements Serializable {

    public JobSpec {
        designs = List.copyOf(designs);
        vary = List.copyOf(vary);
        models = List.copyOf(models);
        objectives = List.copyOf(objectives);
    }
}
