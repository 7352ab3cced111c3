package dev.tokenscale.api;

/** What a memory tier is built from; engines use it to explain where a tensor lives. */
public enum MemoryKind {
    /** On-die or on-wafer SRAM, including hybrid-bonded stacked SRAM. */
    SRAM,
    /** High-bandwidth memory stacks in the package. */
    HBM,
    /** Host or attached DRAM (LPDDR, DDR, GDDR). */
    DRAM,
    /** Storage outside the device reached through an interconnect (e.g. KV storage behind a wafer's system I/O). */
    EXTERNAL
}
