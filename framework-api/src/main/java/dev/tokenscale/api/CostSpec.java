package dev.tokenscale.api;

import java.util.Objects;

/**
 * What the hardware costs.
 *
 * @param capex           what a buyer pays for the whole system, USD
 * @param billOfMaterials what the system costs to build, USD; {@code null} when unknown
 * @param siliconCost     what one device's silicon costs (e.g. one wafer), USD; {@code null} when unknown
 */
public record CostSpec(Figure capex, Figure billOfMaterials, Figure siliconCost) {
    public CostSpec {
        Objects.requireNonNull(capex, "capex");
    }
}
