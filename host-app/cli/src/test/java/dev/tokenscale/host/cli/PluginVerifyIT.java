package dev.tokenscale.host.cli;

import static dev.tokenscale.host.testing.TestPlugins.bundle;
import static dev.tokenscale.host.testing.TestPlugins.spec;
import static dev.tokenscale.host.testing.TestPlugins.withFamily;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenscale.api.ApiVersion;
import dev.tokenscale.host.testing.TestPlugins;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tokenscale plugin verify} on plugins built in the test: a good one passes every check; each deliberately
 * broken one fails with one precise line, and the command exits 1.
 */
class PluginVerifyIT {

    private static final String FAMILY = "test-npu";
    private static final String SPEC = spec("test-npu-1", FAMILY);

    @TempDir
    Path dir;

    private record Result(int exitCode, List<JsonNode> checks, String err) {
        JsonNode check(String name) {
            return checks.stream().filter(c -> c.get("check").asText().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no check '" + name + "' in " + checks + "\n" + err));
        }

        void fails(String name, String detail) {
            assertEquals(1, exitCode, err);
            JsonNode check = check(name);
            assertEquals("FAIL", check.get("result").asText(), check.toString());
            assertEquals(detail, check.get("detail").asText());
        }
    }

    private Result verify(TestPlugins plugin) throws Exception {
        Path jar = plugin.write(dir.resolve("plugin.jar"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"plugin", "verify", jar.toString(), "--json"}, new PrintWriter(out),
                new PrintWriter(err));
        JsonNode report = new ObjectMapper().readTree(out.toString());
        List<JsonNode> checks = new ArrayList<>();
        report.get("checks").forEach(checks::add);
        assertEquals(code == 0, report.get("passed").asBoolean());
        return new Result(code, checks, err.toString());
    }

    private static TestPlugins goodPlugin(String modelBody) {
        return withFamily(bundle("test.npu").hardware("test-npu-1.yaml", SPEC), "test.npu", FAMILY, modelBody);
    }

    @Test
    void aGoodPluginPassesEveryCheckAndReportsItsRate() throws Exception {
        Result result = verify(goodPlugin(""));
        assertEquals(0, result.exitCode(), result.checks() + result.err());
        assertEquals(List.of("bundle", "resolves", "starts", "registers family test-npu", "provides",
                "spec test-npu-1: usable", "spec test-npu-1: complete and sourced",
                "spec test-npu-1: physically plausible", "model test-npu-1: finite positive times",
                "model test-npu-1: deterministic", "model test-npu-1: thread-safe", "model test-npu-1: fast enough"),
                result.checks().stream().map(c -> c.get("check").asText()).toList());
        assertTrue(result.checks().stream().allMatch(c -> c.get("result").asText().equals("PASS")));
        assertEquals("imports dev.tokenscale.api [1.0.0,2.0.0), wired to this host's " + ApiVersion.VALUE,
                result.check("resolves").get("detail").asText());
        assertEquals("family test-npu (this plugin)", result.check("spec test-npu-1: usable").get("detail").asText());
        // 1 precision x 1 tier x 4 kinds x 2 sizes + 1 link x 3 kinds x 2 sizes
        assertTrue(result.check("model test-npu-1: finite positive times").get("detail").asText()
                .startsWith("14 operations, "));
        Matcher rate = Pattern.compile("([0-9,]+) ops/s on one thread \\(at least 1,000,000 required\\)")
                .matcher(result.check("model test-npu-1: fast enough").get("detail").asText());
        assertTrue(rate.matches());
        assertTrue(Long.parseLong(rate.group(1).replace(",", "")) >= 1_000_000);
    }

    @Test
    void printsATableAndASummaryLine() throws Exception {
        Path jar = goodPlugin("").write(dir.resolve("plugin.jar"));
        StringWriter out = new StringWriter();
        int code = Main.run(new String[] {"plugin", "verify", jar.toString()}, new PrintWriter(out),
                new PrintWriter(new StringWriter()));
        List<String> lines = out.toString().lines().toList();
        assertEquals(0, code);
        assertTrue(lines.get(0).matches("check +result +detail"), lines.get(0));
        assertTrue(lines.get(1).matches("bundle +PASS +test\\.npu 1\\.0\\.0"), lines.get(1));
        assertEquals("test.npu: all 12 checks passed", lines.get(lines.size() - 1));
    }

    @Test
    void aSpecOnlyPluginIsCheckedAgainstTheBuiltInFamilyItNames() throws Exception {
        Result result = verify(bundle("test.gpu").hardware("test-gpu.yaml", spec("test-gpu-1", "nvidia-hbm")));
        assertEquals(0, result.exitCode(), result.checks().toString());
        assertEquals("does not import dev.tokenscale.api (a data-only plugin)",
                result.check("resolves").get("detail").asText());
        assertEquals("family nvidia-hbm (a built-in plugin)",
                result.check("spec test-gpu-1: usable").get("detail").asText());
    }

    @Test
    void notABundle() throws Exception {
        verify(TestPlugins.plainJar().resource("readme.txt", "hello")).fails("bundle",
                "not an OSGi bundle: its manifest has no Bundle-SymbolicName");
    }

    @Test
    void needsSpi2() throws Exception {
        verify(goodPlugin("").header("Import-Package", "dev.tokenscale.api;version=\"[2.0,3)\","
                + "org.osgi.framework;version=\"[1.10,2)\"")).fails("resolves",
                "it needs dev.tokenscale.api [2.0.0,3.0.0); this host provides " + ApiVersion.VALUE);
    }

    @Test
    void activatorThrows() throws Exception {
        verify(bundle("test.boom").activator("test.boom.Activator", """
                package test.boom;
                import org.osgi.framework.*;
                public final class Activator implements BundleActivator {
                    public void start(BundleContext context) {
                        throw new IllegalStateException("licence server unreachable");
                    }
                    public void stop(BundleContext context) {
                    }
                }
                """)).fails("starts", "its activator failed: IllegalStateException: licence server unreachable");
    }

    @Test
    void aDeclarativeServicesFamilyThatFailsToActivate() throws Exception {
        verify(bundle("test.boom").component("test.boom.Family", """
                package test.boom;
                import dev.tokenscale.api.*;
                public final class Family implements AcceleratorFamily {
                    public Family() {
                        throw new IllegalStateException("licence server unreachable");
                    }
                    public String id() { return "boom"; }
                    public String description() { return "a family that needs a licence server"; }
                    public ExecutionModel executionModel(AcceleratorSpec spec) { return null; }
                }
                """, """
                <?xml version="1.0" encoding="UTF-8"?>
                <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="test.boom.Family">
                  <property name="tokenscale.family" type="String" value="boom"/>
                  <service><provide interface="dev.tokenscale.api.AcceleratorFamily"/></service>
                  <implementation class="test.boom.Family"/>
                </scr:component>
                """)).fails("registers family boom", "its component test.boom.Family failed to activate: "
                + "IllegalStateException: licence server unreachable");
    }

    @Test
    void specMissingASource() throws Exception {
        verify(bundle("test.unsourced").hardware("x.yaml", spec("x", "roofline",
                "bandwidth: {value: 1 TB/s, source: \"estimate: test fixture\"}", "bandwidth: {value: 1 TB/s}")))
                .fails("data", "test.unsourced!/hardware/x.yaml: field 'memory[0].bandwidth.source': missing; every "
                        + "figure needs a source: a URL or \"estimate: why\"");
    }

    @Test
    void sourceThatIsNeitherAUrlNorAnEstimate() throws Exception {
        verify(bundle("test.hearsay").hardware("x.yaml", spec("x", "roofline",
                "https://example.com/test-npu", "a colleague said so")))
                .fails("data", "test.hearsay!/hardware/x.yaml: field 'power.system.source': 'a colleague said so': "
                        + "expected a URL (https://...), \"estimate: why\" or \"calibrated: measurements, rows, date\"");
    }

    @Test
    void aFamilyThatDerivesAFigureWithoutASource() throws Exception {
        verify(withFamily(bundle("test.derived").hardware("test-npu-1.yaml", SPEC), "test.derived", FAMILY, "", """
                public AcceleratorSpec resolve(AcceleratorSpec declared) {
                    MemoryTier hbm = declared.memory().get(0);
                    return declared.withMemory(java.util.List.of(new MemoryTier(hbm.name(), hbm.kind(),
                            hbm.capacity(), new Figure(2e12, "derived", null), hbm.via())));
                }"""))
                .fails("spec test-npu-1: complete and sourced",
                        "memory[hbm].bandwidth: source 'derived': expected a URL (https://...), \"estimate: why\" "
                                + "or \"calibrated: measurements, rows, date\"");
    }

    @Test
    void marketedBelowDense() throws Exception {
        verify(bundle("test.marketed").hardware("x.yaml", spec("x", "roofline", "200 TFLOPS", "50 TFLOPS")))
                .fails("data", "test.marketed!/hardware/x.yaml: field 'compute.bf16.marketed.value': '50 TFLOPS': "
                        + "expected at least the dense figure 100 TFLOPS (marketed figures add sparsity, they never "
                        + "subtract)");
    }

    @Test
    void implausibleBandwidthForTheTier() throws Exception {
        verify(bundle("test.fast").hardware("x.yaml", spec("x", "roofline", "1 TB/s", "300 TB/s")))
                .fails("spec x: physically plausible",
                        "memory[hbm].bandwidth 300 TB/s is above 30 TB/s, the plausible limit for hbm per device");
    }

    @Test
    void executionModelReturnsNaN() throws Exception {
        verify(goodPlugin("public OpTiming time(Operation op) { return new OpTiming(Double.NaN, 0, 0, 0, Bound.MEMORY); }"))
                .fails("model test-npu-1: finite positive times",
                        "GEMM small bf16 on hbm: seconds = NaN; expected a finite value above zero");
    }

    @Test
    void executionModelReturnsANegativeTime() throws Exception {
        verify(goodPlugin("protected double latency(Operation op) { return -1; }"))
                .fails("model test-npu-1: finite positive times",
                        "GEMM small bf16 on hbm: seconds = -0.99999737856; expected a finite value above zero");
    }

    @Test
    void executionModelIsNotDeterministic() throws Exception {
        Result result = verify(goodPlugin("""
                private int calls;
                protected double latency(Operation op) { return 1e-6 * ++calls; }"""));
        result.fails("model test-npu-1: deterministic",
                "GEMM small bf16 on hbm: 3.62144E-6 s, then 1.762144E-5 s for the same operation");
        assertEquals("SKIP", result.check("model test-npu-1: thread-safe").get("result").asText());
    }

    @Test
    void executionModelThrows() throws Exception {
        verify(goodPlugin("""
                public OpTiming time(Operation op) {
                    if (op.kind() == OpKind.ALL_TO_ALL) throw new UnsupportedOperationException("no all-to-all yet");
                    return super.time(op);
                }"""))
                .fails("model test-npu-1: finite positive times",
                        "ALL_TO_ALL small bf16 on link: threw java.lang.UnsupportedOperationException: no all-to-all yet");
    }

    @Test
    void executionModelIsTooSlow() throws Exception {
        Result result = verify(goodPlugin("""
                public OpTiming time(Operation op) {
                    long until = System.nanoTime() + 2_000;
                    while (System.nanoTime() < until) { Thread.onSpinWait(); }
                    return super.time(op);
                }"""));
        JsonNode rate = result.check("model test-npu-1: fast enough");
        assertEquals("FAIL", rate.get("result").asText());
        assertTrue(rate.get("detail").asText().matches("[0-9,]+ ops/s on one thread \\(at least 1,000,000 required\\)"),
                rate.toString());
    }

    @Test
    void aBundleThatProvidesNothing() throws Exception {
        verify(bundle("test.empty")).fails("provides",
                "registers no accelerator family and declares no hardware or models (headers Tokenscale-Hardware, "
                        + "Tokenscale-Models)");
    }

    @Test
    void aMissingJarIsAOneLineUserError() {
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"plugin", "verify", dir.resolve("nope.jar").toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(1, code);
        assertEquals("error: " + dir.resolve("nope.jar") + ": no such file", err.toString().strip());
    }
}
