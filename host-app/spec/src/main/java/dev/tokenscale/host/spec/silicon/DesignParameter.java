package dev.tokenscale.host.spec.silicon;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The named parameters of a design: what a designs file sets and what {@code tokenscale explore --vary} sweeps.
 * Numbers are SI (bytes, Hz, mm2); shares are fractions of an area.
 */
public enum DesignParameter {
    /** The process node of the logic (and of the PEs' SRAM), an id of the silicon data. */
    NODE("node", Kind.TEXT, EnumSet.allOf(Template.class)),
    /** Clock, Hz. */
    CLOCK("clock", Kind.FREQUENCY, EnumSet.allOf(Template.class)),
    /** Processing elements on the wafer; when absent they follow from the area, the SRAM share and the PE logic. */
    PES("pes", Kind.COUNT, EnumSet.of(Template.WAFER)),
    /** SRAM per processing element, bytes. */
    SRAM_PER_PE("sramPerPe", Kind.BYTES, EnumSet.of(Template.WAFER)),
    /** FP16 SIMD lanes per processing element. */
    LANES("lanes", Kind.COUNT, EnumSet.of(Template.WAFER)),
    /** Share of the compute area (wafer: the PE array; chip: the die) that is SRAM. */
    SRAM_SHARE("sramShare", Kind.SHARE, EnumSet.allOf(Template.class)),
    /** Share of the area given to off-chip SerDes PHYs (on a wafer, on every exposure die). */
    IO_SHARE("ioShare", Kind.SHARE, EnumSet.allOf(Template.class)),
    /** Die area of a chip, mm2. */
    DIE_AREA("dieArea", Kind.AREA, EnumSet.of(Template.CHIP)),
    /** SRAM layers hybrid-bonded on the logic die. */
    STACK_LAYERS("stackLayers", Kind.COUNT, EnumSet.of(Template.CHIP)),
    /** Process node of the stacked SRAM layers. */
    STACK_NODE("stackNode", Kind.TEXT, EnumSet.of(Template.CHIP)),
    /** Share of the die area given to the vertical signal bonds of the stack. */
    BOND_SHARE("bondShare", Kind.SHARE, EnumSet.of(Template.CHIP)),
    /** HBM stacks beside the chip. */
    HBM_STACKS("hbmStacks", Kind.COUNT, EnumSet.of(Template.CHIP)),
    /** HBM generation, an id of the silicon data. */
    HBM("hbm", Kind.TEXT, EnumSet.of(Template.CHIP));

    /** What a parameter's value is. */
    public enum Kind {
        /** An id (a node, an HBM generation). */
        TEXT,
        /** A whole number of 0 or more. */
        COUNT,
        /** A fraction of an area, 0 to 1. */
        SHARE,
        /** Hertz. */
        FREQUENCY,
        /** Bytes. */
        BYTES,
        /** Square millimetres. */
        AREA
    }

    private final String spelling;
    private final Kind kind;
    private final Set<Template> templates;

    DesignParameter(String spelling, Kind kind, Set<Template> templates) {
        this.spelling = spelling;
        this.kind = kind;
        this.templates = templates;
    }

    /** How files and the command line spell it ({@code sramShare}). */
    public String spelling() {
        return spelling;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether a design of this template takes the parameter. */
    public boolean appliesTo(Template template) {
        return templates.contains(template);
    }

    /** The parameter spelled so, in any case. */
    public static Optional<DesignParameter> named(String name) {
        return Arrays.stream(values()).filter(p -> p.spelling.equalsIgnoreCase(name.trim())).findFirst();
    }

    /** Every spelling, for error messages. */
    public static String spellings() {
        return Arrays.stream(values()).map(DesignParameter::spelling).collect(Collectors.joining(", "));
    }

    /** Why a value does not suit this parameter, or empty when it does. */
    public Optional<String> problem(Object value) {
        if (kind == Kind.TEXT) {
            return value instanceof String text && !text.isBlank() ? Optional.empty()
                    : Optional.of("expected an id");
        }
        if (!(value instanceof Double number) || !Double.isFinite(number)) {
            return Optional.of("expected a number");
        }
        return switch (kind) {
            case COUNT -> number >= 0 && number == Math.rint(number) ? Optional.empty()
                    : Optional.of("expected a whole number of 0 or more");
            case SHARE -> number >= 0 && number < 1 ? Optional.empty()
                    : Optional.of("expected a share of the area from 0 up to (not including) 1");
            default -> number > 0 ? Optional.empty() : Optional.of("expected a value above 0");
        };
    }

    /** A value as a person reads it, in at most six significant digits: {@code 0.6}, {@code n2}, {@code 1100000000}. */
    public static String show(Object value) {
        if (value instanceof Double number && Double.isFinite(number)) {
            return new BigDecimal(number).round(new MathContext(6)).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }
}
