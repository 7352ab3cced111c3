/**
 * The silicon roadmap explorer: {@link dev.tokenscale.host.explore.Derivation} turns a design's few silicon
 * parameters into a complete hardware spec that runs through its real family, and
 * {@link dev.tokenscale.host.explore.Exploration} sweeps designs over models to their frontiers, economics and
 * Pareto sets. Pure computation: no framework, no file format, no face.
 */
package dev.tokenscale.host.explore;
