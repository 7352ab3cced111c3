package dev.tokenscale.host.embed;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.tokenscale.host.engine.Accelerator;
import dev.tokenscale.host.spec.HardwareFile;
import dev.tokenscale.host.spec.HardwareWriter;
import dev.tokenscale.host.spec.HardwareWriter.Notation;

/**
 * One installed system, as {@code tokenscale hardware --json} and {@code GET /hardware} list it: the fields of its
 * spec file ({@code docs/hardware-spec.md}) with SI values, each figure with its source, and where it came from.
 *
 * @param spec   the resolved spec, in the spec-file schema (its fields appear at the top level in JSON)
 * @param origin the bundle resource or file it was read from
 */
public record Hardware(@JsonUnwrapped HardwareFile spec, String origin) {

    /** The listing of an installed system. */
    public static Hardware of(Accelerator accelerator) {
        return new Hardware(HardwareWriter.write(accelerator.spec(), Notation.SI), accelerator.origin());
    }

    /** The system's id. */
    public String id() {
        return spec.id();
    }
}
