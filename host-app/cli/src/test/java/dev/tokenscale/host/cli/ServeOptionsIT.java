package dev.tokenscale.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** {@code tokenscale serve} refuses what it cannot do in one line, with exit code 1. */
class ServeOptionsIT {

    private static String run(String... args) {
        StringWriter err = new StringWriter();
        assertEquals(1, Main.run(args, new PrintWriter(new StringWriter()), new PrintWriter(err)));
        return err.toString().strip();
    }

    @Test
    void aPortInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertEquals("error: cannot listen on 127.0.0.1:" + port + " (Address already in use); choose another "
                    + "--port, or --port 0 for a free one", run("serve", "--port", String.valueOf(port)));
        }
    }

    @Test
    void aPortOutOfRange() {
        assertEquals("error: --port 70000: expected 0 to 65535", run("serve", "--port", "70000"));
    }
}
