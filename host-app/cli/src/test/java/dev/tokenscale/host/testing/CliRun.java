package dev.tokenscale.host.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenscale.host.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/**
 * One command line run in-process, as a user would run {@code ./tokenscale}: its exit code and what it printed.
 *
 * @param exit the exit code
 * @param out  standard output
 * @param err  standard error
 */
public record CliRun(int exit, String out, String err) {

    /** Runs the command line. */
    public static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(exit, out.toString(), err.toString());
    }

    /** Standard output as JSON. */
    public JsonNode json() throws Exception {
        return new ObjectMapper().readTree(out);
    }

    /** A failed run: the exit code, and exactly one line on stderr with no stack trace. */
    public void assertOneLineError(int expectedExit, String... contains) {
        assertEquals(expectedExit, exit, err);
        List<String> lines = err.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), "one line, got: " + err);
        assertTrue(lines.get(0).startsWith("error: "), err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), err);
        for (String text : contains) {
            assertTrue(err.contains(text), "'" + text + "' not in: " + err);
        }
    }
}
