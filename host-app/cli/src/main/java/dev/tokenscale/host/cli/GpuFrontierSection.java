package dev.tokenscale.host.cli;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.tokenscale.api.Precision;
import dev.tokenscale.host.embed.CompareRequest;
import dev.tokenscale.host.embed.EstimateRequest;
import dev.tokenscale.host.embed.Tokenscale;
import dev.tokenscale.host.engine.Curve;
import dev.tokenscale.host.engine.Curves;
import dev.tokenscale.host.engine.FrontierFit;
import dev.tokenscale.host.engine.OperatingPoint;
import dev.tokenscale.host.units.Units;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The measured GPU frontiers of {@code gpu-frontier-points.csv} (SemiAnalysis InferenceX, 1,024 input and output
 * tokens): each published point against the frontier {@code compare} draws for the same model, precisions and
 * GPU, within the published deployment's GPUs and concurrency.
 */
final class GpuFrontierSection implements FidelitySection {

    /** The file read from the reference folder. */
    static final String FILE = "gpu-frontier-points.csv";
    /** InferenceX draws each request's input and output lengths between 80% and 100% of the nominal: 0.9 on average. */
    static final double LENGTH_SHARE = 0.9;

    @Override
    public String title() {
        return "GPU frontiers (SemiAnalysis InferenceX)";
    }

    @Override
    public String name() {
        return "gpu-frontiers";
    }

    @Override
    public List<String> method() {
        return List.of("Each row of `data/reference/" + FILE + "` is a point on a measured frontier of throughput "
                        + "per GPU (input plus output tokens per second, as InferenceX counts) against interactivity "
                        + "(output tokens per second per user, 1 / time per output token), served by a tuned "
                        + "production stack. tokenscale predicts the same model on the same GPU with `compare`: "
                        + "requests of 922 input and 922 output tokens (InferenceX draws lengths between 80% and 100% "
                        + "of the nominal 1,024), the precisions of the checkpoint served, and the published "
                        + "deployment's limits: at most its GPUs (`--max-devices`) and, for a measured point, at most "
                        + "its concurrency (`--max-batch`), since InferenceX runs each configuration at a few fixed "
                        + "concurrencies and its frontier is the best of those runs. Points read off the dashboard's "
                        + "curve (INTERPOLATED) have neither limit.",
                "The factor is max(predicted / published, published / predicted) of throughput per GPU at the "
                        + "published interactivity, the predicted frontier interpolated between its two nearest "
                        + "points on log-log axes; *unreachable* means the predicted frontier stops below the "
                        + "published interactivity. DeepSeek-R1 has DeepSeek-V3's architecture and Llama-3.3-70B "
                        + "Llama-3.1-70B's. NVIDIA's FP8 and NVFP4 checkpoints of Llama-3.3-70B also quantize the KV "
                        + "cache to FP8, which TensorRT-LLM serves as such (vLLM keeps it in bf16); the NVFP4 "
                        + "checkpoint of DeepSeek-R1 quantizes only the experts.");
    }

    @Override
    public FidelityTable evaluate(Tokenscale tokenscale, Path reference) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        List<Double> factors = new ArrayList<>();
        Map<CompareRequest, Curve> curves = new HashMap<>();
        for (Map<String, String> row : read(reference.resolve(FILE))) {
            Point point = Point.of(row);
            Prediction prediction = Prediction.of(tokenscale, curves, point.request(), point.tokensPerUser(),
                    point.tokensPerGpu());
            factors.add(prediction.factor());
            List<String> cells = new ArrayList<>(List.of(row.get("model").replaceAll(" \\(.*", ""),
                    row.get("precision"), row.get("hardware").replace("NVIDIA ", ""),
                    row.get("framework").replaceAll(" \\(.*", ""), deployment(row)));
            cells.addAll(prediction.cells());
            rows.add(cells);
        }
        return new FidelityTable(List.of("model", "precision", "GPU", "stack", "published deployment",
                "tok/s/user", "published tok/s/GPU", "predicted tok/s/GPU", "factor", "predicted deployment"),
                rows, factors);
    }

    private static String deployment(Map<String, String> row) {
        String gpus = row.get("gpus").matches("\\d+") ? CompareView.devices(Integer.parseInt(row.get("gpus")), "GPU")
                + ", " : "";
        String concurrency = row.get("concurrency").matches("\\d+") ? "conc. " + row.get("concurrency") + ", " : "";
        String parallelism = row.get("parallelism").replaceAll(" \\(.*", "");
        return gpus + concurrency + (row.get("note").contains("INTERPOLATED") ? "interpolated" : parallelism);
    }

    /**
     * One published point against the frontier {@code compare} draws for its request (each request swept once).
     *
     * @param factor max(predicted / published, published / predicted), infinite when the frontier stops short
     * @param cells  the table's last columns: interactivity, published and predicted throughput, factor, and the
     *               predicted deployment there
     */
    record Prediction(double factor, List<String> cells) {

        static Prediction of(Tokenscale tokenscale, Map<CompareRequest, Curve> curves, CompareRequest request,
                             double tokensPerUser, double publishedTokensPerGpu) {
            Curve curve = curves.computeIfAbsent(request, r -> tokenscale.compare(r).comparison().systems().get(0));
            double predicted = FrontierFit.totalTokensPerChipAt(curve, tokensPerUser);
            double factor = FrontierFit.factor(predicted, publishedTokensPerGpu);
            return new Prediction(factor, List.of(Units.count(tokensPerUser), Units.count(publishedTokensPerGpu),
                    Double.isNaN(predicted) ? "-" : Units.count(predicted), FidelityTable.factor(factor),
                    nearest(curve, tokensPerUser)));
        }
    }

    /** The predicted frontier's point at or just above the interactivity: its batch and deployment. */
    private static String nearest(Curve curve, double tokensPerUser) {
        return curve.frontier().stream().filter(p -> p.tokensPerUserPerSecond() >= tokensPerUser).findFirst()
                .map(p -> "batch " + p.batch() + ", " + p.label()).orElse("-");
    }

    static List<Map<String, String>> read(Path file) throws IOException {
        CsvSchema header = CsvSchema.emptySchema().withHeader();
        try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class).with(header)
                .readValues(file.toFile())) {
            return rows.readAll();
        }
    }

    /**
     * One published point as tokenscale asks for it.
     *
     * @param request       the comparison that predicts it
     * @param tokensPerUser published output tokens per second per user
     * @param tokensPerGpu  published input plus output tokens per second per GPU
     */
    record Point(CompareRequest request, double tokensPerUser, double tokensPerGpu) {

        static Point of(Map<String, String> row) {
            String model = row.get("model");
            String modelId = model.startsWith("DeepSeek-R1") ? "deepseek-v3"
                    : model.startsWith("gpt-oss-120b") ? "gpt-oss-120b"
                    : model.startsWith("Llama-3.3-70B") ? "llama-3.1-70b" : null;
            String hardware = switch (row.get("hardware")) {
                case "NVIDIA H100 SXM" -> "nvidia-h100";
                case "NVIDIA H200 SXM" -> "nvidia-h200";
                case "NVIDIA B200" -> "nvidia-b200";
                default -> null;
            };
            if (modelId == null || hardware == null) {
                throw new IllegalArgumentException(FILE + ": no built-in model and hardware for '" + model + "' on '"
                        + row.get("hardware") + "'");
            }
            String precision = row.get("precision");
            boolean llama = modelId.startsWith("llama");
            Precision weights = null;
            Precision experts = null;
            Precision kv = null;
            if (precision.startsWith("FP8")) {
                weights = Precision.FP8;
            } else if (precision.contains("NVFP4")) {
                weights = llama ? Precision.NVFP4 : null;
                experts = llama ? null : Precision.NVFP4;
            }
            if (llama && !row.get("framework").contains("vLLM")) {
                kv = Precision.FP8;
            }
            boolean measured = !row.get("note").contains("INTERPOLATED");
            int gpus = row.get("gpus").matches("\\d+") ? Integer.parseInt(row.get("gpus"))
                    : EstimateRequest.DEFAULT_MAX_DEVICES;
            int concurrency = measured && row.get("concurrency").matches("\\d+")
                    ? Integer.parseInt(row.get("concurrency")) : Curves.MAX_BATCH;
            long input = Math.round(LENGTH_SHARE * Long.parseLong(row.get("isl")));
            long output = Math.round(LENGTH_SHARE * Long.parseLong(row.get("osl")));
            CompareRequest request = new CompareRequest(modelId, List.of(hardware), input + output, input, weights,
                    experts, kv, null, null, null, null, null, null, measured ? gpus : null,
                    measured ? concurrency : null);
            return new Point(request, Double.parseDouble(row.get("tok_s_user")),
                    Double.parseDouble(row.get("tok_s_gpu")));
        }
    }
}
