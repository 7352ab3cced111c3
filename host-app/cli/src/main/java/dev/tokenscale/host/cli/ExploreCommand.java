package dev.tokenscale.host.cli;

import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.host.embed.InvalidInputException;
import dev.tokenscale.host.embed.Lookup;
import dev.tokenscale.host.embed.Progress;
import dev.tokenscale.host.engine.Economics;
import dev.tokenscale.host.engine.Workload;
import dev.tokenscale.host.explore.Derivation;
import dev.tokenscale.host.explore.DesignResult;
import dev.tokenscale.host.explore.Exploration;
import dev.tokenscale.host.spec.Variations;
import dev.tokenscale.host.spec.silicon.Variation;
import dev.tokenscale.host.explore.Objective;
import dev.tokenscale.host.explore.ResultTable;
import dev.tokenscale.host.explore.Term;
import dev.tokenscale.host.runtime.Explorations;
import dev.tokenscale.host.runtime.Installed;
import dev.tokenscale.host.runtime.PluginHost;
import dev.tokenscale.host.spec.Dimension;
import dev.tokenscale.host.spec.Quantities;
import dev.tokenscale.host.spec.SiliconReader;
import dev.tokenscale.host.spec.SpecException;
import dev.tokenscale.host.spec.silicon.Design;
import dev.tokenscale.host.spec.silicon.SiliconData;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tokenscale explore}: hardware that does not exist yet. Each design is derived from silicon (a base design
 * with the parameters {@code --vary} changes), run through its real family over every model to its frontier and
 * economics; the Pareto set for the named objectives is printed, and every design's results can be written as CSV,
 * Parquet, JSON or an HTML report with the design-space charts.
 */
@Command(name = "explore", mixinStandardHelpOptions = true,
        description = {"Explore hardware that does not exist yet: derive designs from silicon (process node, SRAM and "
                + "I/O area shares, clock, stacked SRAM layers; data/silicon), sweep them over models to their "
                + "frontiers and economics, and report the Pareto set of the designs for the objectives you name "
                + "(docs/explore.md).",
                "A design that cannot be built, or cannot hold a model, is reported with the reason; the rest go on."})
final class ExploreCommand implements Callable<Integer> {

    @Mixin
    HostOptions host;

    @Mixin
    RequestShapeOptions shape;

    @Mixin
    EconomicsOptions economics;

    @Option(names = "--design", paramLabel = "ID", split = ",",
            description = "Base designs to vary (repeatable; default: wse-3). Built in: wse-1, wse-2, wse-3, "
                    + "stacked-lpu; more with --designs-file.")
    List<String> designs = new ArrayList<>();

    @Option(names = "--designs-file", paramLabel = "FILE",
            description = "Also read the designs in this YAML file (data/silicon/README.md; repeatable).")
    List<Path> designFiles = new ArrayList<>();

    @Option(names = "--vary", paramLabel = "NAME=SPEC",
            description = "Vary a parameter: NAME=FROM:TO:STEP (inclusive) or NAME=A,B,C, e.g. sramShare=0.3:0.8:0.05, "
                    + "node=n5,n3e,n2, stackLayers=1:8, clock=1GHz:1.4GHz:0.1GHz (repeatable; every combination "
                    + "is a design).")
    List<String> vary = new ArrayList<>();

    @Option(names = "--model", paramLabel = "ID", split = ",", required = true,
            description = "Models to serve (repeatable; see `tokenscale models`).")
    List<String> models = new ArrayList<>();

    @Option(names = "--objective", paramLabel = "OBJ", split = ",",
            description = "Objectives of the Pareto set (repeatable): max-interactivity, max-throughput, "
                    + "cost@TOK/S ($/Mtok at that interactivity), tokens-per-mw@TOK/S (default: max-interactivity "
                    + "and cost@100).")
    List<String> objectives = new ArrayList<>();

    @Option(names = "--threads", paramLabel = "N",
            description = "Designs evaluated at once (default: every core).")
    Integer threads;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Keep the sweep in DIR: each design's results are saved as it finishes, and running the "
                    + "same command again resumes where it stopped; results.csv and results.parquet are written "
                    + "there at the end.")
    Path out;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write every design's results as CSV.")
    Path csv;

    @Option(names = "--parquet", paramLabel = "FILE", description = "Also write every design's results as Parquet.")
    Path parquet;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Also write an HTML report with the design-space charts and the Pareto set.")
    Path html;

    @Option(names = "--json", description = "Print JSON: the sweep, and every design's results with its frontier.")
    boolean json;

    @Option(names = "--explain", description = "Print how each design's hardware was derived (at most 5 designs).")
    boolean explain;

    @Option(names = "--top", paramLabel = "N", defaultValue = "20",
            description = "Designs shown per model in the table (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--all", description = "Show every working design in the table, in sweep order, not only the "
            + "Pareto set.")
    boolean all;

    /** Designs that --explain shows at once. */
    static final int EXPLAIN_MOST = 5;

    private final HostLauncher launcher;
    private final Output output;
    private final Progress progress;

    @Inject
    ExploreCommand(HostLauncher launcher, Output output, Progress progress) {
        this.launcher = launcher;
        this.output = output;
        this.progress = progress;
    }

    /**
     * What a sweep is, as its folder records it: a resumed sweep must be the same.
     *
     * @param designs    base design ids
     * @param vary       the --vary values as given
     * @param models     model ids
     * @param context    cached tokens per sequence
     * @param prompt     prompt tokens
     * @param weights    weight precision, or null for the model's
     * @param kv         KV precision, or null for the model's
     * @param economics  cost of ownership
     * @param objectives objectives of the Pareto set
     */
    record Sweep(List<String> designs, List<String> vary, List<String> models, long context, long prompt,
                 String weights, String kv, Economics economics, List<String> objectives) {
    }

    @Override
    public Integer call() {
        if (threads != null && threads < 1) {
            throw new UserException("--threads " + threads + ": expected 1 or more");
        }
        if (top < 1) {
            throw new UserException("--top " + top + ": expected 1 or more");
        }
        if (shape.prompt < 1 || shape.context <= shape.prompt) {
            throw new UserException("--prompt " + shape.prompt + " --context " + shape.context + ": expected a prompt "
                    + "of at least 1 token, shorter than the context");
        }
        List<Variation> variations = new ArrayList<>();
        for (String written : vary) {
            try {
                variations.add(Variations.parse(written));
            } catch (IllegalArgumentException e) {
                throw new UserException("--vary " + e.getMessage());
            }
        }
        List<Objective> goals = objectives();
        SiliconData silicon = silicon();
        List<Design> known;
        try {
            known = new ArrayList<>(SiliconReader.builtInDesigns());
            for (Path file : designFiles) {
                if (!java.nio.file.Files.isRegularFile(file)) {
                    throw new UserException("--designs-file " + file + ": no such file");
                }
                for (Design d : SiliconReader.designs(file)) {
                    known.removeIf(k -> k.id().equals(d.id()));
                    known.add(d);
                }
            }
        } catch (SpecException e) {
            throw new UserException(e.getMessage());
        }
        List<Design> bases = bases(known);
        List<Exploration.Point> points = Exploration.grid(bases, variations);
        if (explain && points.size() > EXPLAIN_MOST) {
            throw new UserException("--explain: the sweep has " + points.size() + " designs; expected at most "
                    + EXPLAIN_MOST + " (vary fewer values)");
        }
        List<DesignResult> results;
        Sweep sweep;
        try (StartedHost started = launcher.start(host)) {
            PluginHost running = started.host();
            Installed installed = running.installed();
            List<ModelArchitecture> served = served(installed);
            Economics costs = economics.economics(installed).economics(Economics.DEFAULT);
            sweep = new Sweep(bases.stream().map(Design::id).toList(), vary, served.stream()
                    .map(ModelArchitecture::id).toList(), shape.context, shape.prompt, name(shape.weights),
                    name(shape.kv), costs, goals.stream().map(Objective::spelling).toList());
            Exploration.Setup setup = setup(running, silicon, shape, costs);
            if (explain) {
                explain(points, setup);
            }
            results = sweep(setup, points, served, sweep);
        }
        if (results.stream().noneMatch(DesignResult::ok)) {
            // Nothing to compare: the first reason is the answer.
            throw new UserException(ExploreView.failures(results).get(0)
                    + (results.size() > 1 ? " (and every other design failed; --csv lists them)" : ""));
        }
        results = Exploration.pareto(results, goals);
        List<String> parameters = variations.stream().map(v -> v.parameter().spelling()).toList();
        ResultTable table = ResultTable.of(results, parameters, goals);
        write(table, results, goals, sweep);
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("sweep", sweep);
            document.put("results", results);
            output.json(document);
        } else {
            ExploreView.print(output, sweep, results, parameters, goals, top, all);
        }
        return 0;
    }

    /** What a sweep on this host needs: references and families from its plugins, the request shape, economics. */
    static Exploration.Setup setup(PluginHost running, SiliconData silicon, RequestShapeOptions shape,
                                   Economics costs) {
        return Explorations.setup(running, silicon, m -> Workload.of(m, 1, shape.context, shape.prompt,
                shape.weights, shape.kv), costs);
    }

    /** The silicon data and the designs shipped with the explorer, as a user error when they do not read. */
    static SiliconData silicon() {
        try {
            return SiliconReader.builtInSilicon();
        } catch (SpecException e) {
            throw new UserException(e.getMessage());
        }
    }

    private List<Objective> objectives() {
        List<String> written = objectives.isEmpty() ? List.of("max-interactivity", "cost@100") : objectives;
        List<Objective> parsed = new ArrayList<>();
        for (String objective : written) {
            try {
                parsed.add(Objective.parse(objective));
            } catch (IllegalArgumentException e) {
                throw new UserException("--objective " + e.getMessage());
            }
        }
        return parsed;
    }

    private List<Design> bases(List<Design> known) {
        List<String> ids = designs.isEmpty() ? List.of("wse-3") : designs;
        List<Design> bases = new ArrayList<>();
        for (String id : ids) {
            bases.add(known.stream().filter(d -> d.id().equals(id.trim())).findFirst().orElseThrow(() ->
                    new UserException("--design " + id + ": no such design; expected one of " + known.stream()
                            .map(Design::id).collect(Collectors.joining(", ")))));
        }
        return bases;
    }

    private List<ModelArchitecture> served(Installed installed) {
        List<ModelArchitecture> served = new ArrayList<>();
        for (String id : models) {
            try {
                served.add(Lookup.model(installed.models(), id.trim()));
            } catch (InvalidInputException e) {
                throw new UserException("--model " + e.getMessage());
            }
        }
        return served;
    }

    private static String name(dev.tokenscale.api.Precision precision) {
        return precision == null ? null : precision.name().toLowerCase(Locale.ROOT);
    }

    private List<DesignResult> sweep(Exploration.Setup setup, List<Exploration.Point> points,
                                     List<ModelArchitecture> served, Sweep sweep) {
        int cores = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        List<DesignResult> finished = new ArrayList<>();
        try (ExploreFiles.Journal journal = out == null ? null
                : ExploreFiles.Journal.open(out, sweep, served.size(), finished)) {
            Set<Integer> done = finished.stream().map(DesignResult::index).collect(Collectors.toSet());
            int total = points.size() - done.size();
            AtomicInteger finishedNow = new AtomicInteger();
            List<DesignResult> fresh = Exploration.run(setup, points, served, cores, done, each -> {
                if (journal != null) {
                    journal.append(each);
                }
                progress.swept(each.get(0).design(), finishedNow.incrementAndGet(), total);
            });
            List<DesignResult> all = new ArrayList<>(finished);
            all.addAll(fresh);
            return all;
        } catch (IOException e) {
            throw new UserException("--out " + out + ": " + e.getMessage());
        }
    }

    private void explain(List<Exploration.Point> points, Exploration.Setup setup) {
        for (Exploration.Point point : points) {
            output.line(point.id() + ": " + point.base().name() + Derivation.label(point.overrides()));
            try {
                Derivation.Derived derived = setup.derivation().derive(point.id(), point.base(), point.overrides(),
                        setup.references().apply(point.base().reference()));
                List<List<String>> rows = new ArrayList<>();
                for (Term term : derived.terms()) {
                    rows.add(List.of("  " + term.name(), value(term), term.formula()));
                }
                output.table(List.of("  term", "value", "from"), rows);
            } catch (IllegalArgumentException e) {
                output.line("  cannot be built: " + e.getMessage());
            }
            output.line("");
        }
    }

    /** A term's value in the units a person reads ({@code 44.2 GB}, {@code 21.6 PB/s}). */
    private static String value(Term term) {
        Dimension dimension = switch (term.unit()) {
            case "B" -> Dimension.BYTES;
            case "B/s" -> Dimension.BANDWIDTH;
            case "FLOP/s" -> Dimension.FLOPS;
            case "W" -> Dimension.POWER;
            case "USD" -> Dimension.MONEY;
            case "mm2" -> Dimension.AREA;
            case "B/mm2" -> Dimension.DENSITY;
            default -> null;
        };
        return dimension != null ? Quantities.format(term.value(), dimension)
                : DesignResult.number(term.value()) + (term.unit().isEmpty() ? "" : " " + term.unit());
    }

    private void write(ResultTable table, List<DesignResult> results, List<Objective> goals, Sweep sweep) {
        List<Path[]> targets = new ArrayList<>();
        if (out != null) {
            targets.add(new Path[] {out.resolve("results.csv"), out.resolve("results.parquet")});
        }
        targets.add(new Path[] {csv, parquet});
        Path current = null;
        try {
            for (Path[] pair : targets) {
                current = pair[0];
                if (current != null) {
                    ExploreFiles.csv(current, table);
                }
                current = pair[1];
                if (current != null) {
                    ExploreFiles.parquet(current, table);
                }
            }
            current = html;
            if (html != null) {
                ExploreReport.write(html, sweep, results, goals);
            }
        } catch (IOException e) {
            throw new UserException("cannot write " + current + ": " + e.getMessage());
        }
    }
}
