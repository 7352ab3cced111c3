package dev.tokenscale.host.cli;

import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.host.engine.Accelerator;
import dev.tokenscale.host.engine.PlacementSearch;
import dev.tokenscale.host.engine.Placements;
import dev.tokenscale.host.engine.Workload;
import java.util.HashMap;
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

    @Option(names = "--max-devices", paramLabel = "N", defaultValue = "4096",
            description = "Only placements with at most N devices (default: ${DEFAULT-VALUE}).")
    int maxDevices;

    PlacementSearch.Constraints constraints() {
        if (maxDevices < 1) {
            throw new UserException("--max-devices " + maxDevices + ": expected a whole number of 1 or more");
        }
        return new PlacementSearch.Constraints(maxDevices, minInteractivity);
    }

    /** The placement given by --placement, built for this model and hardware. */
    Placements.Built fixed(ModelArchitecture m, Accelerator a, Workload w) {
        Map<String, Integer> parts = new HashMap<>(Map.of("tp", 1, "pp", 1, "ep", 1, "mb", 1));
        for (String part : placement.split(",")) {
            String[] pair = part.trim().split("=");
            if (pair.length != 2 || !parts.containsKey(pair[0].trim())) {
                throw new UserException("--placement '" + placement + "': expected tp=N,pp=N[,ep=N][,mb=N]");
            }
            try {
                int value = Integer.parseInt(pair[1].trim());
                if (value < 1) {
                    throw new NumberFormatException();
                }
                parts.put(pair[0].trim(), value);
            } catch (NumberFormatException e) {
                throw new UserException("--placement '" + placement + "': " + pair[0].trim()
                        + " must be a whole number of 1 or more");
            }
        }
        int devices = parts.get("tp") * parts.get("pp");
        if (devices > maxDevices) {
            throw new UserException("--placement '" + placement + "' uses " + devices + " devices, over --max-devices "
                    + maxDevices);
        }
        return Placements.build(m, a, w, parts.get("pp"), parts.get("tp"), parts.get("ep"), parts.get("mb"));
    }
}
