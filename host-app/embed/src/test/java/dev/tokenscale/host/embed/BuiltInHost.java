package dev.tokenscale.host.embed;

import dev.tokenscale.host.testing.SharedResource;

/** One host over the distribution's built-in plugins, started once and shared by the test classes that take it. */
final class BuiltInHost extends SharedResource<Tokenscale> {

    BuiltInHost() {
        super(Tokenscale.class);
    }

    @Override
    protected Tokenscale start() {
        return Tokenscale.builder().builtInPlugins(TokenscaleIT.BUILT_IN).build();
    }
}
