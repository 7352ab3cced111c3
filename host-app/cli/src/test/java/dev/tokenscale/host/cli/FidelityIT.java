package dev.tokenscale.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenscale.host.embed.Tokenscale;
import dev.tokenscale.host.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in models against published measurements, through a real plugin host: the GPU frontiers measured by
 * InferenceX are reproduced (each point a factor between prediction and publication), and {@code
 * docs/validation.md} is exactly what {@code tokenscale fidelity --markdown} writes today. Runs every section's
 * sweeps, about a minute on a loaded 2-core machine: the report is the test.
 */
class FidelityIT {

    private static final Path REPO = Path.of(System.getProperty("tokenscale.repo"));

    @Test
    void publishedGpuFrontiersAreReproducedAndTheValidationPageIsCurrent() throws Exception {
        List<FidelityTable> tables = new ArrayList<>();
        try (Tokenscale tokenscale = Tokenscale.builder().builtInPlugins(Path.of(System.getProperty("tokenscale.home"),
                "plugins")).build()) {
            for (FidelitySection section : FidelityCommand.SECTIONS) {
                tables.add(section.evaluate(tokenscale, REPO.resolve("data/reference")));
            }
        }
        String page = Files.readString(REPO.resolve("docs/validation.md"));
        assertEquals(page, FidelityReport.update(page, FidelityCommand.SECTIONS, tables),
                "docs/validation.md is stale: regenerate it with " + FidelityReport.COMMAND);
        FidelityTable gpus = tables.get(0);
        assertEquals(20, gpus.factors().size());
        assertTrue(gpus.median() <= 1.2, gpus.summary());
        assertTrue(gpus.within() >= 18, gpus.summary());
    }

    @Test
    void theCommandPrintsEachSectionAndWritesThePage(@TempDir Path dir) throws Exception {
        // Two rows of the published file keep the command's own run short.
        List<String> lines = Files.readAllLines(REPO.resolve("data/reference/" + GpuFrontierSection.FILE));
        Files.write(dir.resolve(GpuFrontierSection.FILE), lines.subList(0, 3));
        List<String> heldOut = Files.readAllLines(REPO.resolve("data/reference/" + HeldOutFrontierSection.FILE));
        String b200At8k = heldOut.stream().filter(line -> line.startsWith("DeepSeek-R1,671,37,FP8,NVIDIA B200,")
                && line.contains(",8192,1024,")).findFirst().orElseThrow();
        Files.write(dir.resolve(HeldOutFrontierSection.FILE), List.of(heldOut.get(0), b200At8k));
        Path page = dir.resolve("validation.md");
        CliRun run = CliRun.run("fidelity", "--reference", dir.toString(), "--markdown", page.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains(new GpuFrontierSection().title()), run.out());
        assertTrue(run.out().contains("of 2 points within 1.5x"), run.out());
        assertTrue(run.out().contains(new HeldOutFrontierSection().title()), run.out());
        assertTrue(run.out().contains("of 1 points within 1.5x"), run.out());
        String written = Files.readString(page);
        assertTrue(written.startsWith("# Validation against published measurements"), written);
        assertTrue(written.contains("<!-- end: gpu-frontiers -->"), written);
        // A second run rewrites the section in place and leaves the rest of the page.
        Files.writeString(page, "# Mine\n\n" + written.substring(written.indexOf("<!-- generated")) + "\nkept\n");
        assertEquals(0, CliRun.run("fidelity", "--reference", dir.toString(), "--markdown", page.toString()).exit());
        assertEquals("# Mine\n\n" + written.substring(written.indexOf("<!-- generated")) + "\nkept\n",
                Files.readString(page));
    }

    @Test
    void aMissingReferenceFolderIsOneLine(@TempDir Path dir) {
        CliRun.run("fidelity", "--reference", dir.resolve("none").toString())
                .assertOneLineError(1, "cannot read the published data in");
    }
}
