package dev.tokenscale.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenscale.host.testing.RunningServe;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Slow and stalled clients over real sockets: connections that send their headers, promise a body and stop must
 * not hold the workers that other clients need (issue 16: 16 such connections, the worker count, blocked every
 * other client for as long as they stayed).
 */
class StalledClientsIT {

    /** Four times the workers, so that a server giving each stalled request a worker could not answer. */
    private static final int STALLED = 64;

    @Test
    void stalledRequestsDoNotDelayAWellBehavedClient() throws Exception {
        try (RunningServe serve = RunningServe.start()) {
            List<Socket> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < STALLED; i++) {
                    Socket socket = new Socket(serve.base().getHost(), serve.base().getPort());
                    OutputStream out = socket.getOutputStream();
                    out.write(("POST /estimate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 100\r\n\r\n{\"model\":").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    stalled.add(socket);
                }
                long started = System.nanoTime();
                HttpResponse<String> plugins = serve.send("GET", "plugins", null);
                long millis = (System.nanoTime() - started) / 1_000_000;
                assertEquals(200, plugins.statusCode(), plugins.body());
                assertTrue(plugins.body().contains("dev.tokenscale.plugin-nvidia"), plugins.body());
                assertTrue(millis < 1000, "GET /plugins took " + millis + " ms behind " + STALLED
                        + " stalled connections");
            } finally {
                for (Socket socket : stalled) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void aBodyThatIsNullOrNotAnObjectIsABadRequest() throws Exception {
        try (RunningServe serve = RunningServe.start()) {
            for (String path : List.of("estimate", "place", "compare", "fleet")) {
                HttpResponse<String> answer = serve.send("POST", path, "null");
                assertEquals(400, answer.statusCode(), path + ": " + answer.body());
                assertTrue(answer.body().contains("expected a JSON object"), answer.body());
            }
        }
    }
}
