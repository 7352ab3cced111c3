package dev.tokenscale.host.cli;

import dev.tokenscale.host.embed.EstimateRequest;
import dev.tokenscale.host.embed.EstimateRequest.Layout;
import dev.tokenscale.host.embed.InvalidInputException;
import dev.tokenscale.host.embed.Limit;
import dev.tokenscale.host.engine.PlacementSearch;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** How a placement is chosen: fixed with --placement, or searched for an objective under constraints. */
public final class PlacementOptions {

    private static final List<String> PARTS = List.of("dp", "tp", "pp", "ep", "mb", "pools");

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
        Map<String, Integer> parts = new HashMap<>();
        Integer prefill = null;
        Integer decode = null;
        for (String part : placement.split(",", -1)) {
            String[] pair = part.trim().split("=", -1);
            String key = pair[0].trim();
            if (pair.length != 2 || !PARTS.contains(key)) {
                throw new UserException("--placement '" + placement + "': expected parts dp=N, tp=N, pp=N, ep=N, "
                        + "mb=N, pools=P:D separated by commas, e.g. dp=8,ep=8");
            }
            if (parts.containsKey(key) || (key.equals("pools") && prefill != null)) {
                throw new UserException("--placement '" + placement + "': " + key + " is given twice; expected "
                        + "each of dp, tp, pp, ep, mb and pools at most once");
            }
            if (key.equals("pools")) {
                String[] pools = pair[1].trim().split(":", -1);
                if (pools.length != 2) {
                    throw new UserException("--placement '" + placement + "': pools must be P:D, prefill and decode "
                            + "instances, e.g. pools=2:7");
                }
                prefill = count(key, pools[0]);
                decode = count(key, pools[1]);
            } else {
                parts.put(key, count(key, pair[1]));
            }
        }
        try {
            return new Layout(parts.get("tp"), parts.get("dp"), parts.get("pp"), parts.get("ep"), parts.get("mb"),
                    prefill, decode);
        } catch (InvalidInputException e) {
            // The request names its field (placement.pools pools=0:7, placement.devices 2000000); the option says it.
            String problem = e.getMessage().replaceFirst("^placement\\.\\w+ ", "");
            throw new UserException("--placement " + (problem.startsWith("pools=") ? problem
                    : "'" + placement + "': " + problem));
        }
    }

    /** A whole number of devices, instances or micro-batches; 0 only as a count of pool instances, refused later. */
    private static int count(String key, String written) {
        long value;
        try {
            value = Long.parseLong(written.trim());
        } catch (NumberFormatException e) {
            value = -1;
        }
        if (!(key.equals("pools") && value == 0) && !Limit.DEVICES.accepts(value)) {
            throw new UserException("--placement " + key + "=" + written.trim() + ": expected "
                    + Limit.DEVICES.expected());
        }
        return (int) value;
    }
}
