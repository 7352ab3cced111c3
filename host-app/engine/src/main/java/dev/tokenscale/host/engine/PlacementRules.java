package dev.tokenscale.host.engine;

import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.AttentionKind;
import dev.tokenscale.api.ModelArchitecture;
import java.util.Locale;

/**
 * Whether a shape can serve a model on a system at all, before memory is looked at, and if not, one line that
 * names the value and what is allowed.
 */
final class PlacementRules {

    private PlacementRules() {
    }

    /** Why the shape cannot work, or {@code null} when it can. */
    static String problem(ModelArchitecture m, Accelerator a, Workload w, Shape s) {
        AcceleratorSpec spec = a.spec();
        int heads = m.attention().heads();
        if (s.pipelineStages() > m.layers()) {
            return String.format(Locale.ROOT, "pp=%d: %s has %d layers, so at most pp=%d (one layer a stage)",
                    s.pipelineStages(), m.id(), m.layers(), m.layers());
        }
        if (heads % s.tensorParallel() != 0) {
            return String.format(Locale.ROOT, "tp=%d must divide %s's %d attention heads", s.tensorParallel(), m.id(),
                    heads);
        }
        // Each device takes whole KV heads of grouped-query attention, or with more devices than KV heads a replica
        // of one; MLA's latent is whole on every device, so only GQA constrains the split.
        int kvHeads = m.attention().kvHeads();
        if (m.attention().kind() == AttentionKind.GQA && kvHeads % s.tensorParallel() != 0
                && s.tensorParallel() % kvHeads != 0) {
            return String.format(Locale.ROOT, "tp=%d must divide %s's %d KV heads, or be a multiple of them",
                    s.tensorParallel(), m.id(), kvHeads);
        }
        String experts = expertProblem(m, s);
        if (experts != null) {
            return experts;
        }
        int stage = s.devicesPerStage();
        if (Topology.parallelLink(spec, stage).isEmpty()) {
            return String.format(Locale.ROOT, "%s: a stage of dp x tp = %d devices needs a scale-up or chip-to-chip "
                    + "domain of %d; %s's largest joins %d", s.label(m.isMoe()), stage, stage, spec.id(),
                    Topology.largestParallelDomain(spec));
        }
        if (s.pipelineStages() > 1 && Topology.linkFor(spec, s.devices()).isEmpty()) {
            return String.format(Locale.ROOT, "%s uses %d devices, more than any interconnect domain of %s joins",
                    s.label(m.isMoe()), s.devices(), spec.id());
        }
        if (s.microBatches() > w.batch()) {
            return String.format(Locale.ROOT, "mb=%d: micro-batches must be between 1 and the batch (%d)",
                    s.microBatches(), w.batch());
        }
        return null;
    }

    private static String expertProblem(ModelArchitecture m, Shape s) {
        int ep = s.expertParallel();
        if (!m.isMoe()) {
            return ep == 1 ? null : String.format(Locale.ROOT, "ep=%d needs a mixture-of-experts model; %s is dense",
                    ep, m.id());
        }
        int experts = m.ffn().moe().experts();
        if (ep > experts) {
            return String.format(Locale.ROOT, "ep=%d is larger than %s's %d experts: ep may be at most %d", ep,
                    m.id(), experts, experts);
        }
        if (s.dataParallel() == 1) {
            return s.tensorParallel() % ep == 0 ? null : String.format(Locale.ROOT,
                    "ep=%d must divide the stage's tp=%d devices", ep, s.tensorParallel());
        }
        if (s.tensorParallel() != 1) {
            return String.format(Locale.ROOT, "dp=%d,tp=%d: under DP attention each group's attention runs on one "
                    + "device, so tp must be 1", s.dataParallel(), s.tensorParallel());
        }
        return ep == s.dataParallel() ? null : String.format(Locale.ROOT, "dp=%d,ep=%d: under DP attention the "
                + "experts are spread over the stage's %d devices, so ep must be %d", s.dataParallel(), ep,
                s.dataParallel(), s.dataParallel());
    }
}
