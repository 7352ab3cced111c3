package dev.tokenscale.host.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenscale.api.AcceleratorFamily;
import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.host.engine.Accelerator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;

/** The real Felix framework with the real built plugin jars. */
@ExtendWith(BuiltInPlugins.class)
class PluginHostIT {

    private static PluginHost host;

    @BeforeAll
    static void shared(PluginHost builtIn) {
        host = builtIn;
    }

    @Test
    void startsEveryBuiltInPlugin() {
        List<PluginReport> plugins = host.plugins();
        assertEquals(BuiltInPlugins.NAMES, plugins.stream().map(PluginReport::name).toList());
        for (PluginReport plugin : plugins) {
            assertEquals("ACTIVE", plugin.state(), plugin.name());
            assertNull(plugin.error(), plugin.name());
        }
    }

    @Test
    void registersEachFamilyAsAService() throws InvalidSyntaxException {
        assertEquals(BuiltInPlugins.FAMILIES, familyServices(host.context()));
    }

    @Test
    void providesEveryHardwareSpecWithItsFamilysExecutionModel() {
        List<Accelerator> accelerators = host.installed().accelerators();
        assertEquals(BuiltInPlugins.HARDWARE, accelerators.stream().map(Accelerator::id).toList());
        Accelerator cs3 = accelerators.stream().filter(a -> a.id().equals("cerebras-cs3")).findFirst().orElseThrow();
        assertEquals("cerebras-wafer", cs3.spec().family());
        assertEquals("WaferExecutionModel", cs3.model().getClass().getSimpleName());
        assertTrue(cs3.origin().startsWith("dev.tokenscale.plugin-cerebras!"), cs3.origin());
    }

    @Test
    void providesEveryModel() {
        assertEquals(BuiltInPlugins.MODELS, host.installed().models().stream().map(ModelArchitecture::id).toList());
    }

    @Test
    void reportsWhatEachPluginProvides() {
        PluginReport nvidia = report(host, "dev.tokenscale.plugin-nvidia");
        assertEquals(List.of("nvidia-hbm"), nvidia.provides().families());
        assertEquals(6, nvidia.provides().hardware().size());
        PluginReport workloads = report(host, "dev.tokenscale.plugin-workloads");
        assertEquals(List.of(), workloads.provides().families());
        assertEquals(BuiltInPlugins.MODELS, workloads.provides().models().stream().sorted().toList());
    }

    @Test
    void followsAPluginThatIsStoppedAndStartedAgain() throws Exception {
        // Its own host, so that the other tests never see cerebras stopped.
        try (PluginHost own = BuiltInPlugins.host()) {
            Bundle cerebras = bundle(own, "dev.tokenscale.plugin-cerebras");
            Installed before = own.installed();
            assertSame(before, own.installed(), "nothing changed, so the snapshot is not rebuilt");

            cerebras.stop();
            assertNotSame(before, own.installed(), "a bundle stopped, so the snapshot is rebuilt");
            assertEquals(List.of("groq-lpu", "nvidia-hbm"), familyServices(own.context()));
            List<String> ids = own.installed().accelerators().stream().map(Accelerator::id).toList();
            assertTrue(ids.stream().noneMatch(BuiltInPlugins.CEREBRAS::contains), ids.toString());
            assertEquals(BuiltInPlugins.HARDWARE.size() - BuiltInPlugins.CEREBRAS.size(), ids.size());
            assertEquals("RESOLVED", report(own, cerebras.getSymbolicName()).state());

            cerebras.start();
            assertEquals(BuiltInPlugins.FAMILIES, familyServices(own.context()));
            assertEquals(BuiltInPlugins.HARDWARE,
                    own.installed().accelerators().stream().map(Accelerator::id).toList());
            assertEquals("ACTIVE", report(own, cerebras.getSymbolicName()).state());
        }
    }

    private static List<String> familyServices(BundleContext context) throws InvalidSyntaxException {
        return context.getServiceReferences(AcceleratorFamily.class, null).stream()
                .map(ref -> context.getService(ref).id()).sorted().toList();
    }

    private static Bundle bundle(PluginHost host, String symbolicName) {
        for (Bundle bundle : host.context().getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError(symbolicName + " is not installed");
    }

    static PluginReport report(PluginHost host, String name) {
        return host.plugins().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not reported"));
    }
}
