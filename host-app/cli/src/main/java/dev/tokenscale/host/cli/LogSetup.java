package dev.tokenscale.host.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * Logback's configuration, in code because parsing a logback.xml costs start-up time: warnings (a skipped plugin,
 * a rejected file) in one line each on stderr; {@code -v} lowers the level to DEBUG ({@link HostLauncher}).
 * Logback finds it through {@code META-INF/services}. A program that embeds the host and configures Logback itself
 * (a {@code logback.xml} or {@code logback-test.xml} on its class path, or {@code -Dlogback.configurationFile})
 * keeps its own configuration: this one then steps aside.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (configuredElsewhere(LogSetup.class.getClassLoader(), System.getProperty("logback.configurationFile"))) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        return warnOnStderr(context);
    }

    /** Warnings, one line each, on stderr; nothing else configures the context after this. */
    static ExecutionStatus warnOnStderr(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%-5level %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Whether the program has a Logback configuration of its own: a file property, or a file on its class path. */
    static boolean configuredElsewhere(ClassLoader loader, String configurationFile) {
        return configurationFile != null || loader.getResource("logback-test.xml") != null
                || loader.getResource("logback.xml") != null;
    }
}
