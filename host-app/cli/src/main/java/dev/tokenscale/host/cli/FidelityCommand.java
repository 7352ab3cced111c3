package dev.tokenscale.host.cli;

import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tokenscale fidelity}: every published measurement of the reference folder against tokenscale's prediction,
 * section by section, with the factor between them; {@code --markdown} writes the page {@code docs/validation.md}
 * is.
 */
@Command(name = "fidelity", mixinStandardHelpOptions = true,
        description = "Compare tokenscale with published measurements (the reference folder, data/reference in the "
                + "repository): each point predicted, with the factor between prediction and publication "
                + "(docs/validation.md).")
final class FidelityCommand implements Callable<Integer> {

    /** The sections of the report, in its order. */
    static final List<FidelitySection> SECTIONS = List.of(new GpuFrontierSection(), new HeldOutFrontierSection());

    @Mixin
    HostOptions host;

    @Option(names = "--reference", paramLabel = "DIR",
            description = "Folder of the published data (default: the distribution's reference/, a copy of the "
                    + "repository's data/reference).")
    Path reference;

    @Option(names = "--markdown", paramLabel = "FILE",
            description = "Also write the report as Markdown into FILE: each section between its "
                    + "<!-- generated: name --> and <!-- end: name --> markers, or appended when FILE lacks them "
                    + "(docs/validation.md is such a file).")
    Path markdown;

    private final HostLauncher launcher;
    private final Output output;

    @Inject
    FidelityCommand(HostLauncher launcher, Output output) {
        this.launcher = launcher;
        this.output = output;
    }

    @Override
    public Integer call() {
        Path folder = reference != null ? reference : Path.of(System.getProperty("tokenscale.home", "."), "reference");
        List<FidelityTable> tables = new ArrayList<>();
        try (StartedHost running = launcher.start(host)) {
            for (FidelitySection section : SECTIONS) {
                tables.add(section.evaluate(running.api(), folder));
            }
        } catch (IOException e) {
            throw new UserException("cannot read the published data in " + folder + ": " + e.getMessage());
        }
        for (int i = 0; i < SECTIONS.size(); i++) {
            output.line(SECTIONS.get(i).title());
            output.table(tables.get(i).header(), tables.get(i).rows());
            output.line(tables.get(i).summary());
            output.line("");
        }
        if (markdown != null) {
            try {
                String page = Files.exists(markdown) ? Files.readString(markdown) : "";
                Files.writeString(markdown, FidelityReport.update(page, SECTIONS, tables));
            } catch (IOException e) {
                throw new UserException("cannot write " + markdown + ": " + e.getMessage());
            }
        }
        return 0;
    }
}
