package dev.tokenscale.host.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What the host keeps of a printed stack trace: its root cause, in one line. */
class EmbeddedFrameworkTest {

    @Test
    void theRootCauseOfAChainedTraceIsItsLastCauseWithItsMessageOnOneLine() {
        String trace = """
                java.lang.RuntimeException: wrapper
                \tat broken.Family.activate(Family.java:5)
                Caused by: java.lang.IllegalStateException: no licence
                for this wafer
                \tat broken.Licence.check(Licence.java:9)
                \t... 12 more
                """;
        assertEquals("IllegalStateException: no licence for this wafer", EmbeddedFramework.rootCause(trace));
    }

    @Test
    void aTraceWithoutCauseOrMessageIsItsExceptionsName() {
        assertEquals("NullPointerException", EmbeddedFramework.rootCause(
                "java.lang.NullPointerException\n\tat broken.Family.activate(Family.java:5)"));
    }
}
