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

    @Option(names = "--placement", paramLabel = "tp=N,pp=N[,ep=N][,mb=N]",
            description = "Use this placement instead of searching: tensor parallel (devices per stage), pipeline "
                    + "stages, expert parallel, micro-batches in flight.")
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
        for (String part : placement.split(",", -1)) {
            String[] pair = part.trim().split("=", -1);
            String key = pair[0].trim();
            if (pair.length != 2 || !List.of("tp", "pp", "ep", "mb").contains(key)) {
                throw new UserException("--placement '" + placement + "': expected tp=N,pp=N[,ep=N][,mb=N]");
            }
            if (parts.containsKey(key)) {
                throw new UserException("--placement '" + placement + "': " + key + " is given twice; expected "
                        + "each of tp, pp, ep and mb at most once");
            }
            long value;
            try {
                value = Long.parseLong(pair[1].trim());
            } catch (NumberFormatException e) {
                value = 0;
            }
            if (!Limit.DEVICES.accepts(value)) {
                throw new UserException("--placement " + key + "=" + pair[1].trim() + ": expected "
                        + Limit.DEVICES.expected());
            }
            parts.put(key, (int) value);
        }
        try {
            return new Layout(parts.get("tp"), parts.get("pp"), parts.get("ep"), parts.get("mb"));
        } catch (InvalidInputException e) {
            throw new UserException("--placement '" + placement + "': " + e.getMessage());
        }
    }
}
