package dev.tokenscale.host.embed;

import static dev.tokenscale.host.testing.TestPlugins.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import dev.tokenscale.api.AcceleratorFamily;
import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.ExecutionModel;
import dev.tokenscale.api.roofline.RooflineExecutionModel;
import dev.tokenscale.host.engine.Economics;
import dev.tokenscale.host.engine.Estimate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An integrator replaces the host's bindings with a Guice module of its own, without touching the host: an
 * in-process family (a Java object, no bundle), the economics defaults, progress reporting and the output sink.
 */
class BindingsIT {

    private static final String FAMILY = "in-process-npu";

    @TempDir
    Path dir;
    private Path npu;
    private Path plugins;

    /** A family given in Java: the roofline, counting the execution models it makes. */
    private static final class CountingFamily implements AcceleratorFamily {
        final AtomicInteger models = new AtomicInteger();

        @Override
        public String id() {
            return FAMILY;
        }

        @Override
        public String description() {
            return "an in-process family of a test";
        }

        @Override
        public ExecutionModel executionModel(AcceleratorSpec spec) {
            models.incrementAndGet();
            return new RooflineExecutionModel(spec);
        }
    }

    @BeforeEach
    void files() throws IOException {
        npu = Files.writeString(dir.resolve("npu.yaml"), spec("test-npu", FAMILY));
        plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.writeString(plugins.resolve("orphan.yaml"), spec("orphan-npu", "no-such-family"));
    }

    private Tokenscale.Builder host() {
        return Tokenscale.builder().builtInPlugins(TokenscaleIT.BUILT_IN).hardwareFile(npu).pluginDir(plugins);
    }

    @Test
    void aSpecNamingAnInProcessFamilyIsRefusedWithoutIt() {
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> host().build());
        assertTrue(refused.getMessage().contains("'" + FAMILY + "': expected an installed family"),
                refused.getMessage());
    }

    @Test
    void aModuleReplacesTheFamilyEconomicsProgressAndNoticeBindings() {
        CountingFamily family = new CountingFamily();
        Economics defaults = new Economics(5, 1.2, 0.10, 0);
        List<String> notices = new CopyOnWriteArrayList<>();
        List<String> progress = new CopyOnWriteArrayList<>();
        Module mine = binder -> {
            Multibinder.newSetBinder(binder, AcceleratorFamily.class).addBinding().toInstance(family);
            binder.bind(Economics.class).toInstance(defaults);
            binder.bind(Notices.class).toInstance(notices::add);
            binder.bind(Progress.class).toInstance((hardware, done, total) -> progress.add(done + "/" + total));
        };
        try (Tokenscale ts = host().with(mine).build()) {
            Estimate estimate = ts.estimate(EstimateRequest.of("llama-3.1-8b", "test-npu"));
            assertTrue(estimate.fits(), estimate.toString());
            assertTrue(family.models.get() > 0, "the in-process family made the execution model");

            CompareRequest both = CompareRequest.of("llama-3.1-8b").withHardware(List.of("test-npu", "nvidia-h100"));
            assertEquals(defaults, ts.compare(both).comparison().economics());
            assertEquals(new Economics(5, 1.5, 0.10, 0), ts.compare(both.withEconomics(
                    new EconomicsRequest(null, 1.5, null, null, null, null))).comparison().economics(),
                    "a request's own value wins over the bound default, the others stay bound");
            assertEquals(List.of("1/2", "1/2", "2/2", "2/2"), progress.stream().sorted().toList(),
                    "each comparison tells of each of its two systems");
            ts.hardware();
            assertEquals(1, notices.size(), "one notice for the one unusable spec, however often it is read: "
                    + notices);
            assertTrue(notices.get(0).contains("orphan.yaml") && notices.get(0).contains("'no-such-family'"),
                    notices.get(0));
        }
    }
}
