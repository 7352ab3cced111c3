package dev.tokenscale.host.cli;

import dev.tokenscale.api.Precision;
import dev.tokenscale.host.embed.CompareRequest;
import dev.tokenscale.host.embed.EstimateRequest;
import dev.tokenscale.host.embed.Tokenscale;
import dev.tokenscale.host.engine.Curve;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The InferenceX frontiers no constant was fitted to: the dashboard rows of {@code published-decode-speeds.csv}
 * on NVIDIA systems (other GPUs, 8,192-token prompts), predicted as {@link GpuFrontierSection} predicts its points.
 * The report shows how far the fitted defaults carry; nothing asserts on it.
 */
final class HeldOutFrontierSection implements FidelitySection {

    /** The file read from the reference folder. */
    static final String FILE = "published-decode-speeds.csv";
    /** The speculation the rows that say "MTP" are predicted with: DeepSeek's MTP module drafting three tokens. */
    static final EstimateRequest.Speculative MTP = new EstimateRequest.Speculative("mtp", 3, 0.8);

    @Override
    public String title() {
        return "Held out: other InferenceX frontiers";
    }

    @Override
    public String name() {
        return "gpu-held-out";
    }

    @Override
    public List<String> method() {
        return List.of("The InferenceX rows of `data/reference/" + FILE + "` on NVIDIA systems, predicted the same "
                        + "way (lengths at 90% of the nominal, no limit on GPUs or concurrency, the frontier "
                        + "interpolated at the published interactivity). No constant was fitted to them. They were "
                        + "read off the dashboard's curves, whose serving mode is not stated: where a row says MTP it "
                        + "is predicted with `--speculative mtp,3,0.8`, every other row without speculation, although "
                        + "the dashboard's best curves may include MTP runs (InferenceX runs DeepSeek-R1 both ways).",
                "Read it as the limit of the defaults, not as a pass mark: from 40 tokens/s/user up, the predicted "
                        + "frontier falls about 2x below the published one on B200 at both lengths, and further on "
                        + "GB200 NVL72 with 8,192-token prompts; the two MTP rows of InferenceX's 2026 blog land far "
                        + "below what the model predicts with MTP (physics.md says which physics is missing). The AMD "
                        + "rows are left out: the AMD systems are example spec files, not built in.");
    }

    @Override
    public FidelityTable evaluate(Tokenscale tokenscale, Path reference) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        List<Double> factors = new ArrayList<>();
        Map<CompareRequest, Curve> curves = new HashMap<>();
        for (Map<String, String> row : GpuFrontierSection.read(reference.resolve(FILE))) {
            String hardware = hardwareId(row.get("hardware"));
            if (!row.get("source_url").contains("inferencex") || hardware == null
                    || !row.get("model").startsWith("DeepSeek-R1")) {
                continue;
            }
            boolean mtp = row.get("spec_decoding").contains("MTP");
            boolean fp4 = row.get("precision").startsWith("FP4");
            long input = Math.round(GpuFrontierSection.LENGTH_SHARE * Long.parseLong(row.get("input_tokens")));
            long output = Math.round(GpuFrontierSection.LENGTH_SHARE * Long.parseLong(row.get("output_tokens")));
            CompareRequest request = new CompareRequest("deepseek-v3", List.of(hardware), input + output, input,
                    fp4 ? null : Precision.FP8, fp4 ? Precision.NVFP4 : null, null, null, null, null, null, null,
                    mtp ? MTP : null, null, null);
            GpuFrontierSection.Prediction prediction = GpuFrontierSection.Prediction.of(tokenscale, curves, request,
                    Double.parseDouble(row.get("tokens_per_user_s")), Double.parseDouble(row.get("tokens_per_chip_s")));
            factors.add(prediction.factor());
            List<String> cells = new ArrayList<>(List.of(row.get("precision"),
                    row.get("hardware").replace("NVIDIA ", ""),
                    row.get("input_tokens") + " / " + row.get("output_tokens"), mtp ? "MTP" : "not stated"));
            cells.addAll(prediction.cells());
            rows.add(cells);
        }
        return new FidelityTable(List.of("precision", "system", "input / output", "speculation", "tok/s/user",
                "published tok/s/GPU", "predicted tok/s/GPU", "factor", "predicted deployment"), rows, factors);
    }

    private static String hardwareId(String published) {
        return published.startsWith("NVIDIA GB200 NVL72") ? "nvidia-gb200-nvl72"
                : published.startsWith("NVIDIA B200") ? "nvidia-b200"
                : published.startsWith("NVIDIA H100") ? "nvidia-h100" : null;
    }
}
