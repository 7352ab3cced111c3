package dev.tokenscale.host.calibration;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The measured rows are ground truth: the copy in the repository keeps the checksum data/README.md records. */
class MeasurementDataTest {

    @Test
    void theSharedMeasurementsAreUnedited() throws IOException, NoSuchAlgorithmException {
        Path repo = Path.of(System.getProperty("tokenscale.repo"));
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(MeasurementReaderTest.SHARED)));
        String readme = Files.readString(repo.resolve("data/README.md"));
        assertTrue(readme.lines().anyMatch(line -> line.startsWith("| `measurements/h200-calibration.csv` |")
                        && line.endsWith("| `" + sha256 + "` |")),
                "data/measurements/h200-calibration.csv has sha256 " + sha256 + ", not the one in data/README.md");
    }
}
