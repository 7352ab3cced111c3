package dev.tokenscale.host.cli;

import dev.tokenscale.host.embed.Tokenscale;
import dev.tokenscale.host.runtime.PluginHost;

/**
 * The host one command started: the embedding API's typed calls, and from the same injector the plugin host behind
 * them, for what the typed calls do not cover (the engines' inputs for {@code hardware}, {@code validate},
 * {@code calibrate} and {@code bench}, and {@code serve}'s hot deploy). Closing it stops the host.
 *
 * @param api  the typed calls
 * @param host the plugin host behind them
 */
record StartedHost(Tokenscale api, PluginHost host) implements AutoCloseable {

    @Override
    public void close() {
        api.close();
    }
}
