/**
 * The default execution model as a base for plugins: {@link dev.tokenscale.api.roofline.RooflineExecutionModel}
 * (extend it and override what your machine does differently) and the {@code roofline} family that spec-only
 * hardware names. Versioned apart from the core contract in {@code dev.tokenscale.api}, so that refining the
 * default model never moves the contract every plugin compiles against.
 */
@Export
@Version(RooflineFamily.PACKAGE_VERSION)
package dev.tokenscale.api.roofline;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
