package dev.tokenscale.api;

/** How far an interconnect reaches. */
public enum LinkScope {
    /** A scale-up domain with memory-semantic bandwidth (NVLink, NVL72 spines). */
    SCALE_UP,
    /** Between systems (InfiniBand, Ethernet, a wafer's system I/O). */
    SCALE_OUT,
    /** Direct chip-to-chip links scheduled by a compiler (Groq C2C). */
    CHIP_TO_CHIP
}
