package dev.tokenscale.api;

/** Whether a system can be bought, could be, or could once. */
public enum HardwareStatus {
    SHIPPING,
    HISTORICAL,
    ROADMAP
}
