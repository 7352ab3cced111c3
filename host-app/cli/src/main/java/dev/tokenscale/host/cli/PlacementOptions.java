package dev.tokenscale.host.cli;

import dev.tokenscale.host.embed.EstimateRequest;
import dev.tokenscale.host.embed.EstimateRequest.Layout;
import dev.tokenscale.host.engine.PlacementSearch;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** How a placement is chosen: fixed with --placement, or searched for an objective under constraints. */
public final class PlacementOptions {

    @Option(names = "--placement", paramLabel = "[dp=N,][tp=N,][pp=N,][ep=N,][mb=N,][pools=P:D]",
            description = "Use this placement instead of searching: data-parallel attention groups and tensor "
                    + "parallel devices per group (a stage spans dp x tp devices), pipeline stages, expert parallel "
                    + "(ways the routed experts are spread over a stage), micro-batches in flight; each defaults to "
                    + "1, e.g. dp=8,ep=8 or tp=8,pp=2. pools=P:D makes it one of D decode instances beside P "
                    + "prefill instances (disaggregated).")
    String placement;

    @Option(names = "--objective", paramLabel = "OBJECTIVE", defaultValue = "interactivity",
            description = "What the placement search maximises: interactivity, throughput or cost "
                    + "(default: ${DEFAULT-VALUE}).")
    PlacementSearch.Objective objective;

    @Option(names = "--min-interactivity", paramLabel = "TOK/S",
            description = "Only placements giving at least this many tokens per user per second.")
    double minInteractivity;

    @Option(names = "--max-devices", paramLabel = "N", defaultValue = "" + EstimateRequest.DEFAULT_MAX_DEVICES,
            description = "Only placements with at most N devices (default: ${DEFAULT-VALUE}).")
    int maxDevices;

    /** The placement given by --placement, or {@code null} to search. */
    Layout layout() {
        if (placement == null) {
            return null;
        }
        Map<String, Integer> parts = new HashMap<>(Map.of("tp", 1, "dp", 1, "pp", 1, "ep", 1, "mb", 1));
        Integer prefill = null;
        Integer decode = null;
        for (String part : placement.split(",")) {
            String[] pair = part.trim().split("=");
            String key = pair.length == 2 ? pair[0].trim() : "";
            if (!parts.containsKey(key) && !key.equals("pools")) {
                throw new UserException("--placement '" + placement + "': expected parts dp=N, tp=N, pp=N, ep=N, "
                        + "mb=N, pools=P:D separated by commas, e.g. dp=8,ep=8");
            }
            try {
                if (key.equals("pools")) {
                    String[] pools = pair[1].trim().split(":");
                    prefill = Integer.parseInt(pools[0].trim());
                    decode = Integer.parseInt(pools[pools.length - 1].trim());
                    if (pools.length != 2) {
                        throw new NumberFormatException();
                    }
                } else {
                    parts.put(key, Integer.parseInt(pair[1].trim()));
                }
            } catch (NumberFormatException e) {
                throw new UserException("--placement '" + placement + "': " + key + " must be "
                        + (key.equals("pools") ? "P:D, prefill and decode instances, e.g. pools=2:7"
                        : "a whole number of 1 or more"));
            }
        }
        return new Layout(parts.get("tp"), parts.get("dp"), parts.get("pp"), parts.get("ep"), parts.get("mb"),
                prefill, decode);
    }
}
