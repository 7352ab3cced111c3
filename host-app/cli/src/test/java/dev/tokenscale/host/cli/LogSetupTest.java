package dev.tokenscale.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/** The host's Logback set-up: warnings on stderr, unless the program around it configures Logback itself. */
class LogSetupTest {

    @TempDir
    Path dir;

    @Test
    void warnsOnStderrWhenNothingElseConfiguresLogback() {
        LoggerContext context = new LoggerContext();
        assertEquals(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, LogSetup.warnOnStderr(context));
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertEquals(Level.WARN, root.getLevel());
        assertTrue(root.iteratorForAppenders().hasNext(), "an appender on the root logger");
    }

    @Test
    void aProgramsOwnConfigurationWins() throws Exception {
        try (URLClassLoader bare = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            assertFalse(LogSetup.configuredElsewhere(bare, null));
            assertTrue(LogSetup.configuredElsewhere(bare, "/etc/app/logback.xml"));
            Files.writeString(dir.resolve("logback.xml"), "<configuration/>");
            assertTrue(LogSetup.configuredElsewhere(bare, null));
        }
    }
}
