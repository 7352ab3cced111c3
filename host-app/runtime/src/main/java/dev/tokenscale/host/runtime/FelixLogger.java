package dev.tokenscale.host.runtime;

import org.apache.felix.framework.Logger;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.slf4j.LoggerFactory;

/**
 * Sends the framework's own log to SLF4J at debug level: the host reports every plugin failure itself, in one
 * line, so the framework's stack traces are only wanted with {@code -v}.
 */
final class FelixLogger extends Logger {

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger("felix");

    FelixLogger() {
        setLogLevel(LOG.isDebugEnabled() ? LOG_DEBUG : LOG_ERROR);
    }

    @Override
    protected void doLog(Bundle bundle, ServiceReference sr, int level, String msg, Throwable throwable) {
        LOG.debug("{}{}", bundle == null ? "" : bundle.getSymbolicName() + ": ", msg, throwable);
    }

    /** The resolver logs through this overload. */
    @Override
    protected void doLog(int level, String msg, Throwable throwable) {
        LOG.debug("{}", msg, throwable);
    }
}
