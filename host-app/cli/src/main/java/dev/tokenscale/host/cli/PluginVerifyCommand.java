package dev.tokenscale.host.cli;

import ch.qos.logback.classic.Level;
import dev.tokenscale.host.runtime.PluginVerifier;
import dev.tokenscale.host.spec.BoundedInput;
import dev.tokenscale.host.spec.SpecException;
import dev.tokenscale.host.verify.Check;
import dev.tokenscale.host.verify.Verification;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tokenscale plugin verify JAR}: the conformance kit for plugin authors. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Load a plugin jar in a fresh framework and check it: a bundle that resolves against this "
                + "host's SPI, starts and registers its services; complete, sourced and physically plausible specs; "
                + "an execution model with finite positive, deterministic, thread-safe and fast answers.",
                "Prints a pass/fail table; exits 1 when a check fails."})
final class PluginVerifyCommand implements Callable<Integer> {

    @Parameters(paramLabel = "JAR", description = "The plugin jar to check.")
    Path jar;

    @Option(names = "--json", description = "Print JSON: {jar, plugin, passed, checks: [{check, result, detail}]}.")
    boolean json;

    @Option(names = {"-v", "--verbose"}, description = "Also show the framework's log lines.")
    boolean verbose;

    private final HostLauncher launcher;
    private final Output output;

    @Inject
    PluginVerifyCommand(HostLauncher launcher, Output output) {
        this.launcher = launcher;
        this.output = output;
    }

    @Override
    public Integer call() {
        try {
            BoundedInput.checkFile(jar);
        } catch (SpecException e) {
            throw new UserException(e.getMessage());
        }
        // The table reports every problem the host would log, so its warnings would only repeat them.
        ch.qos.logback.classic.Logger runtimeLog = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(
                "dev.tokenscale.host.runtime");
        Level level = runtimeLog.getLevel();
        runtimeLog.setLevel(verbose ? Level.DEBUG : Level.ERROR);
        Verification verification;
        try {
            verification = PluginVerifier.verify(jar, launcher.builtInPlugins().stream().toList());
        } finally {
            runtimeLog.setLevel(level);
        }
        if (json) {
            output.json(new Report(verification.jar(), verification.plugin(), verification.passed(),
                    verification.checks()));
        } else {
            output.table(List.of("check", "result", "detail"), verification.checks().stream()
                    .map(c -> List.of(c.check(), c.result().name(), c.detail())).toList());
            long failed = verification.checks().stream().filter(c -> c.result() == Check.Result.FAIL).count();
            output.line(failed == 0 ? verification.plugin() + ": all " + verification.checks().size()
                    + " checks passed" : verification.plugin() + ": " + failed + " of "
                    + verification.checks().size() + " checks failed");
        }
        return verification.passed() ? 0 : 1;
    }

    /** The JSON shape, with {@code passed} spelled out for scripts. */
    record Report(String jar, String plugin, boolean passed, List<Check> checks) {
    }
}
