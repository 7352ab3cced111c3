package dev.tokenscale.host.cli;

import dev.tokenscale.host.embed.Hardware;
import dev.tokenscale.host.embed.Lookup;
import dev.tokenscale.host.engine.Accelerator;
import dev.tokenscale.host.runtime.Installed;
import dev.tokenscale.host.spec.FigureFile;
import dev.tokenscale.host.spec.HardwareFile;
import dev.tokenscale.host.spec.HardwareWriter;
import dev.tokenscale.host.spec.HardwareWriter.Fact;
import dev.tokenscale.host.spec.HardwareWriter.Notation;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tokenscale hardware}: every installed system side by side, or every figure with its source
 * ({@code --sources}); {@code tokenscale hardware show ID}: one system in full. People get human units; JSON has
 * the spec-file schema with SI values (documented in {@code docs/cli.md}).
 */
@Command(name = "hardware", mixinStandardHelpOptions = true, subcommands = HardwareCommand.Show.class,
        description = "List every installed system side by side: family, memory tiers, dense and marketed compute, "
                + "links, power and cost.")
final class HardwareCommand implements Callable<Integer> {

    private static final List<String> SUMMARY = List.of("hardware", "family", "system", "memory per device",
            "dense compute", "marketed", "links per device and direction", "power device / system", "cost");

    @Mixin
    HostOptions host;

    @Option(names = "--json", description = "Print JSON: {\"hardware\": [system, ...]}, each system with the fields "
            + "of a spec file in SI units plus origin.")
    boolean json;

    @Option(names = "--sources", description = "List every figure of every system with its source, instead of the "
            + "side-by-side summary.")
    boolean sources;

    private final HostLauncher launcher;
    private final Output output;

    @Inject
    HardwareCommand(HostLauncher launcher, Output output) {
        this.launcher = launcher;
        this.output = output;
    }

    @Override
    public Integer call() {
        List<Accelerator> all = installed(launcher, host).accelerators();
        if (json) {
            output.json(Map.of("hardware", all.stream().map(Hardware::of).toList()));
        } else if (sources) {
            output.table(List.of("hardware", "field", "value", "source"), all.stream()
                    .flatMap(a -> HardwareWriter.facts(a.spec(), Notation.HUMAN).stream()
                            .map(f -> List.of(a.id(), f.path(), String.valueOf(f.value()), f.source())))
                    .toList());
        } else {
            List<List<String>> rows = new ArrayList<>();
            for (Accelerator accelerator : all) {
                if (!rows.isEmpty()) {
                    rows.add(Collections.nCopies(SUMMARY.size(), ""));
                }
                rows.addAll(summary(accelerator));
            }
            output.table(SUMMARY, rows);
        }
        return 0;
    }

    private static Installed installed(HostLauncher launcher, HostOptions options) {
        try (StartedHost running = launcher.start(options)) {
            return running.host().installed();
        }
    }

    /** One system's summary: a line per memory tier, precision, link and cost item, aligned in columns. */
    private static List<List<String>> summary(Accelerator accelerator) {
        HardwareFile h = HardwareWriter.write(accelerator.spec(), Notation.HUMAN);
        List<List<String>> columns = List.of(
                List.of(h.id()),
                List.of(h.family()),
                List.of(h.system().devices().value() + " x " + h.deviceKind()),
                h.memory().stream().map(t -> t.name() + " " + t.capacity().value() + " @ " + t.bandwidth().value()
                        + (t.via() == null ? "" : " via " + t.via())).toList(),
                h.compute().entrySet().stream().map(e -> e.getKey() + " " + e.getValue().dense().value()).toList(),
                h.compute().values().stream().map(r -> r.marketed() == null ? "-" : (String) r.marketed().value())
                        .toList(),
                h.interconnects().stream().map(l -> l.name() + " " + l.scope() + " " + l.bandwidth().value() + ", "
                        + l.latency().value() + ", domain " + l.domainSize().value()).toList(),
                List.of(h.power().device().value() + " / " + h.power().system().value()),
                costs(h.cost()));
        int lines = columns.stream().mapToInt(List::size).max().orElse(1);
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            int line = i;
            rows.add(columns.stream().map(c -> line < c.size() ? c.get(line) : "").toList());
        }
        return rows;
    }

    private static List<String> costs(HardwareFile.CostFile cost) {
        List<String> lines = new ArrayList<>();
        lines.add("capex " + cost.capex().value());
        addIfPresent(lines, "BOM ", cost.billOfMaterials());
        addIfPresent(lines, "silicon ", cost.siliconCost());
        return lines;
    }

    private static void addIfPresent(List<String> lines, String label, FigureFile figure) {
        if (figure != null) {
            lines.add(label + figure.value());
        }
    }

    /** {@code tokenscale hardware show ID}: one system in full, every figure with its source and note. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show one system in full: every figure with its source and note.")
    static final class Show implements Callable<Integer> {

        @Mixin
        HostOptions host;

        @Parameters(paramLabel = "ID", description = "The system's id, e.g. cerebras-cs3 (see: tokenscale hardware).")
        String id;

        @Option(names = "--json", description = "Print the system as JSON, as one entry of hardware --json.")
        boolean json;

        private final HostLauncher launcher;
        private final Output output;

        @Inject
        Show(HostLauncher launcher, Output output) {
            this.launcher = launcher;
            this.output = output;
        }

        @Override
        public Integer call() {
            Accelerator accelerator = Lookup.hardware(installed(launcher, host).accelerators(), id);
            if (json) {
                output.json(Hardware.of(accelerator));
                return 0;
            }
            HardwareFile h = HardwareWriter.write(accelerator.spec(), Notation.HUMAN);
            output.line(h.id() + ": " + h.name() + " (" + h.vendor() + ", " + h.status() + ")");
            output.line(h.description());
            output.line("family " + h.family() + "; system: " + h.system().name() + ", "
                    + h.system().devices().value() + " x " + h.deviceKind() + "; from " + accelerator.origin());
            output.line("");
            output.table(SUMMARY, summary(accelerator));
            output.line("");
            List<List<String>> rows = new ArrayList<>();
            for (Fact fact : HardwareWriter.facts(accelerator.spec(), Notation.HUMAN)) {
                rows.add(List.of(fact.path(), String.valueOf(fact.value()), fact.source()));
                if (fact.note() != null) {
                    rows.add(List.of("", "", "note: " + fact.note()));
                }
            }
            output.table(List.of("field", "value", "source"), rows);
            return 0;
        }
    }
}
