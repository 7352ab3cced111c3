/**
 * The tokenscale accelerator SPI: the contract between the host and its plugins.
 *
 * <p>Plugins <em>describe</em>: hardware is data ({@link dev.tokenscale.api.AcceleratorSpec}), models are data
 * ({@link dev.tokenscale.api.ModelArchitecture}), and both are usually declared as YAML or JSON resources named by
 * the manifest headers in {@link dev.tokenscale.api.PluginHeaders}. Code is needed only where a machine's physics
 * differs from the default roofline: an {@link dev.tokenscale.api.AcceleratorFamily} service that turns one
 * {@link dev.tokenscale.api.Operation} on one device into seconds through an {@link dev.tokenscale.api.ExecutionModel}.
 *
 * <p>Units are SI throughout: bytes, bytes per second, FLOP per second, seconds, watts, US dollars. Every hardware
 * figure carries its source ({@link dev.tokenscale.api.Figure}).
 */
@Export
@Version(ApiVersion.VALUE)
package dev.tokenscale.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
