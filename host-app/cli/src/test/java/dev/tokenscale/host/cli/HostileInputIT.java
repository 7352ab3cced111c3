package dev.tokenscale.host.cli;

import static dev.tokenscale.host.testing.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscale.host.testing.CliRun;
import dev.tokenscale.host.testing.TestPlugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The reproductions of issue 16 that are bad input, each now one error line naming the value and what was expected,
 * with exit code 1 (or a correct answer), and none longer than 10 s.
 */
class HostileInputIT {

    private static final Path MODELS = Path.of(System.getProperty("tokenscale.repo", "../.."))
            .resolve("plugin-workloads/src/main/resources/models");

    @TempDir
    static Path dir;

    @BeforeAll
    static void writeFiles() throws Exception {
        String llama = Files.readString(MODELS.resolve("llama-3.1-8b.yaml"));
        Files.writeString(dir.resolve("layers-1e9.yaml"), llama.replaceFirst("(?m)^layers: .*$", "layers: 1000000000")
                .replaceFirst("(?m)^id: .*$", "id: big"));
        Files.writeString(dir.resolve("layers-frac.yaml"), llama.replaceFirst("(?m)^layers: .*$", "layers: 32.5")
                .replaceFirst("(?m)^id: .*$", "id: frac"));
        Files.writeString(dir.resolve("alias.yaml"), llama.replaceFirst("(?m)^layers: .*$", "layers: *d0")
                .replaceFirst("(?m)^id: .*$", "id: alias"));
        Files.writeString(dir.resolve("devices.yaml"), TestPlugins.spec("test-huge", "roofline",
                "devices: {value: 8,", "devices: {value: 2147483648,"));
        Files.writeString(dir.resolve("config.json"), """
                {"architectures": ["LlamaForCausalLM"], "_name_or_path": "org/x", "num_hidden_layers": 32,
                 "hidden_size": 4097, "num_attention_heads": 32, "num_key_value_heads": 8,
                 "intermediate_size": 14336, "vocab_size": 128256, "max_position_embeddings": 8192}
                """);
        Files.writeString(dir.resolve("twice.csv"), "hardware,model,phase,batch,context_tokens,prompt_tokens,"
                + "step_seconds,step_seconds\nnvidia-h200,llama-3.1-8b,decode,1,1024,,0.0059,0.59\n");
        Files.writeString(dir.resolve("huge-row.csv"), "hardware,model,phase,batch,context_tokens,prompt_tokens,"
                + "step_seconds\nnvidia-h200,llama-3.1-8b,decode,1,1024,,1e308\n");
        Files.write(dir.resolve("garbage.yaml"), new byte[] {(byte) 0x9a, (byte) 0xff, 0x00, 0x41, (byte) 0xc3});
        Files.writeString(dir.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash-a-line-longer-than-forty-chars\n"
                + "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n");
        Files.createDirectories(dir.resolve("a-folder.yaml"));
        Files.writeString(dir.resolve("non-latin.json"), Files.readString(dir.resolve("config.json"))
                .replace("\"hidden_size\": 4097", "\"hidden_size\": 4096").replace("org/x", "org/\u6a21\u578b-8"));
        // One line of 8 MB: parsing took 28 s before the size was checked.
        Files.writeString(dir.resolve("long-line.yaml"), "id: " + "x".repeat(8 << 20) + "\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "fleet --model llama-3.1-8b --hardware nvidia-h100 --power 1e30W | --power 1e30W: expected a power "
                + "above 0 W, up to 1 TW",
        "estimate --model llama-3.1-8b --hardware nvidia-h100 --speculative llama-3.1-8b,2147483647,0.99 | "
                + "--speculative draftLength 2147483647: expected a whole number from 1 to 64",
        "estimate --model llama-3.1-8b --hardware nvidia-h100 --placement tp=8,tp=4 | tp is given twice",
        "estimate --model llama-3.1-8b --hardware nvidia-h100 --placement , | expected parts dp=N, tp=N, pp=N, "
                + "ep=N, mb=N, pools=P:D",
        "estimate --model llama-3.1-8b --hardware nvidia-h100 --placement tp=0 | --placement tp=0: expected "
                + "a whole number from 1 to 1,000,000",
        "compare --model llama-3.1-8b --hardware , | --hardware ',': expected hardware ids separated by commas",
        "estimate --model llama-3.1-8b --hardware nvidia-h100 --prompt 9000 --context 8192 | --prompt 9000: "
                + "expected at most the context's 8192 tokens",
        "compare --model llama-3.1-8b --pue 1e308 | PUE 1.0E308: expected a number from 1 to 10",
        "estimate --model llama-3.1-8b --hardware nvidia-h100 --batch 100000000 | --batch 100000000: "
                + "expected a whole number from 1 to 65,536",
        "models --model-file {dir}/layers-1e9.yaml | field 'layers': '1000000000'; expected a whole number "
                + "up to 10,000",
        "models --model-file {dir}/layers-frac.yaml | field 'layers': '32.5': expected a whole number",
        "models --model-file {dir}/alias.yaml | YAML alias *d0 at line",
        "models --model-file {dir}/config.json | 'hidden_size': '4097' is not a multiple of num_attention_heads 32",
        "models --model-file {dir}/garbage.yaml | syntax error at line 1",
        "models --model-file {dir}/non-latin.json | field '_name_or_path': '\u6a21\u578b-8': cannot make an id from it",
        "models --model-file {dir}/long-line.yaml | is larger than 1 MiB",
        "models --model-file {dir}/a-folder.yaml | is a folder; expected a file",
        "hardware --hardware-file {dir}/devices.yaml | field 'system.devices.value': '2147483648': expected "
                + "a whole number from 1 to 1,000,000",
        "validate --measurements {dir}/twice.csv | column 'step_seconds' appears twice",
        "calibrate --hardware nvidia-h200 --out x.yaml --measurements {dir}/huge-row.csv | '1e308': expected "
                + "a time from 1e-9 to 3600 s",
        "compare --model llama-3.1-8b --economics {dir}/passwd | the file holds a single text, not a mapping",
    })
    void badInputIsOneLineThatQuotesLittle(String commandLine, String expected) {
        CliRun result = run(commandLine.trim().replace("{dir}", dir.toString()).split(" "));
        result.assertOneLineError(1, expected.trim());
        assertFalse(result.err().contains("daemon:x:1:1"), result.err());
        assertFalse(result.err().contains("CharConversionException"), result.err());
    }

    @Test
    void aPluginFolderRefusesLinksOutOfItAndBoundsBundleEntries() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("folder"));
        Path secret = Files.writeString(dir.resolve("secret.txt"), "root:$6$a-secret-hash-that-must-never-be-shown\n");
        Files.createSymbolicLink(folder.resolve("secret.yaml"), secret);
        // 8 MB of spaces compress to a few KB: reading the entry whole spun for minutes on 4 GiB.
        TestPlugins.bundle("test.spaces").hardware("spaces.yaml", " ".repeat(8 << 20))
                .write(folder.resolve("spaces.jar"));
        long started = System.nanoTime();
        CliRun plugins = run("plugins", "--plugins", folder.toString(), "--json");
        assertTrue((System.nanoTime() - started) / 1_000_000 < 10_000);
        String reports = plugins.json().path("plugins").toString();
        assertTrue(reports.contains("a symbolic link to a file outside the plugin folder"), reports);
        assertTrue(reports.contains("spaces.yaml: is larger than 1 MiB"), reports);
        assertFalse(reports.contains("a-secret-hash") || plugins.err().contains("a-secret-hash"), reports);
    }

    @Test
    void pluginVerifyRefusesAPluginThatEndsTheProcessWithoutLoadingIt() throws Exception {
        Path jar = dir.resolve("exits.jar");
        TestPlugins.bundle("test.exits").activator("exits.Activator", """
                package exits;
                public class Activator implements org.osgi.framework.BundleActivator {
                    public void start(org.osgi.framework.BundleContext context) {
                        System.exit(7);
                    }
                    public void stop(org.osgi.framework.BundleContext context) {
                        Runtime.getRuntime().halt(7);
                    }
                }
                """).write(jar);
        CliRun verify = run("plugin", "verify", jar.toString());
        assertEquals(1, verify.exit(), verify.out() + verify.err());
        assertTrue(verify.out().contains("exits.Activator calls System.exit; exits.Activator calls Runtime.halt"),
                verify.out());
    }

    @Test
    void aFleetAtTheLargestBudgetCountsNothingNegative() throws Exception {
        CliRun fleet = run("fleet", "--model", "llama-3.1-8b", "--power", "1TW", "--json");
        assertEquals(0, fleet.exit(), fleet.err());
        for (JsonNode plan : fleet.json().path("fleets")) {
            for (String field : new String[] {"systems", "devices", "concurrentUsers", "tokensPerSecond", "capexUsd"}) {
                assertTrue(plan.path(field).asDouble() >= 0, plan.path("hardware") + " " + field + ": " + plan);
            }
        }
    }

    @Test
    void anEstimateThatDoesNotFitHasNullTimesBesideItsReason() throws Exception {
        CliRun estimate = run("estimate", "--model", "llama-3.1-405b", "--hardware", "nvidia-h100", "--placement",
                "tp=1", "--json");
        assertEquals(0, estimate.exit(), estimate.err());
        JsonNode json = estimate.json();
        assertFalse(json.path("fits").asBoolean());
        assertTrue(json.path("stepSeconds").isNull() && json.path("ttftSeconds").isNull(), estimate.out());
        assertFalse(json.path("fitProblem").asText().isBlank());
        assertFalse(Pattern.compile(":\\s*\"?-?(NaN|Infinity)").matcher(estimate.out()).find(), estimate.out());
    }
}
