package dev.tokenscale.host.embed;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.tokenscale.host.engine.Comparison;
import dev.tokenscale.host.engine.SpeedPremium;

/**
 * A comparison as {@code tokenscale compare --json} and {@code POST /compare} give it: the comparison's fields
 * (model, workload, economics, one frontier per system), the interactivity the cost column is read at, and the
 * speed premium.
 *
 * @param comparison          model, workload, economics and one curve per system (its fields appear at the top
 *                            level in JSON)
 * @param costAtInteractivity the interactivity at which $/Mtok is read
 * @param premium             what a fast mode costs over a standard one
 */
public record ComparisonResult(@JsonUnwrapped Comparison comparison, double costAtInteractivity,
                               SpeedPremium premium) {
}
