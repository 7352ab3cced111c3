package dev.tokenscale.host.explore;

/**
 * One derived figure of a design and how it was reached, so that every number can be traced to its inputs.
 *
 * @param name    what it is ({@code "sram capacity"})
 * @param value   its value in SI units
 * @param unit    the unit of {@code value} ({@code "B"}, {@code "B/s"}, {@code "mm2"}, ...)
 * @param formula the formula with the inputs' values
 */
public record Term(String name, double value, String unit, String formula) {
}
