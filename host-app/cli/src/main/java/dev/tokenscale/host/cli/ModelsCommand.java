package dev.tokenscale.host.cli;

import dev.tokenscale.host.engine.ModelSummary;
import dev.tokenscale.host.units.Units;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tokenscale models}: the installed models with their parameter counts (computed, and published beside),
 * bytes at native precision, KV cache per token and per sequence, attention and expert shapes.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List the installed models: parameters (computed and published), bytes at native precision, "
                + "KV bytes per token, attention kind and MoE shape.")
final class ModelsCommand implements Callable<Integer> {

    @Mixin
    HostOptions host;

    @Option(names = "--json", description = "Print JSON: {\"models\": [...]} (fields documented in docs/cli.md).")
    boolean json;

    private final HostLauncher launcher;
    private final Output output;

    @Inject
    ModelsCommand(HostLauncher launcher, Output output) {
        this.launcher = launcher;
        this.output = output;
    }

    @Override
    public Integer call() {
        List<ModelSummary> models;
        try (StartedHost running = launcher.start(host)) {
            models = running.api().models();
        }
        if (json) {
            output.json(Map.of("models", models));
            return 0;
        }
        List<List<String>> rows = new ArrayList<>();
        for (ModelSummary m : models) {
            rows.add(List.of(m.id(), counted(m.totalParameters(), m.publishedTotalParameters()),
                    counted(m.activeParameters(), m.publishedActiveParameters()),
                    Units.si(m.weightBytes(), "B") + " " + EstimateView.weights(m.weightPrecision(),
                            m.expertPrecision()), kv(m), attention(m), moe(m), Units.count(m.maxContext())));
        }
        output.table(List.of("model", "params (published)", "active (published)", "weights", "KV per token",
                "attention", "experts", "max context"), rows);
        output.line("KV per sequence = KV per token x context + the sliding-window layers' fixed window (shown after"
                + " +); --json gives the rule with its numbers");
        return 0;
    }

    private static String counted(long computed, Double published) {
        return Units.parameters(computed) + (published == null ? "" : " (" + Units.parameters(published) + ")");
    }

    private static String kv(ModelSummary m) {
        String perToken = Units.si(m.kvBytesPerToken(), "B") + " " + m.kvPrecision();
        return m.slidingKvBytesPerSequence() == 0 ? perToken
                : perToken + " + " + Units.si(m.slidingKvBytesPerSequence(), "B") + "/seq";
    }

    private static String attention(ModelSummary m) {
        ModelSummary.Attention a = m.attention();
        String shape = a.kind().equals("mla")
                ? String.format(Locale.ROOT, "MLA %d heads, latent %d+%d", a.heads(), a.kvLoraRank(), a.qkRopeHeadDim())
                : String.format(Locale.ROOT, "GQA %d/%d x %d", a.heads(), a.kvHeads(), a.headDim());
        return a.slidingWindowLayers() == 0 ? shape : String.format(Locale.ROOT, "%s, window %d on %d/%d layers",
                shape, a.slidingWindow(), a.slidingWindowLayers(), m.layers());
    }

    private static String moe(ModelSummary m) {
        ModelSummary.Moe e = m.moe();
        if (e == null) {
            return "dense";
        }
        return String.format(Locale.ROOT, "%d top-%d%s%s", e.experts(), e.expertsPerToken(),
                e.sharedExperts() > 0 ? " +" + e.sharedExperts() + " shared" : "",
                e.denseLayers() > 0 ? ", " + e.denseLayers() + " dense first" : "");
    }
}
