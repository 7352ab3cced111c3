package dev.tokenscale.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenscale.host.testing.CliRun;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report of gpt-oss-120b on every built-in system: self-contained, one chart series per system with a
 * frontier, and, in headless Chromium (Debian's {@code chromium} package), a page that renders without errors and
 * shows the chart in every series' colour.
 */
class HtmlReportIT {

    private static final Pattern SERIES_STROKE = Pattern.compile("stroke-width:2\\.0;stroke:rgb\\((\\d+),(\\d+),(\\d+)\\)");

    @TempDir
    Path dir;

    @Test
    void reportIsSelfContainedAndRendersInChromium() throws Exception {
        Path html = dir.resolve("report.html");
        CliRun run = CliRun.run("compare", "--model", "gpt-oss-120b", "--html",
                html.toString(), "--json");
        assertEquals(0, run.exit(), run.err());
        List<String> series = new ArrayList<>();
        for (JsonNode system : new ObjectMapper().readTree(run.out()).get("systems")) {
            if (!system.get("frontier").isEmpty()) {
                series.add(system.get("hardware").asText());
            }
        }
        assertTrue(series.size() >= 8, "built-in systems with a frontier: " + series);
        String text = Files.readString(html);
        assertSelfContained(text);
        String chart = firstChart(text);
        for (String id : series) {
            assertTrue(chart.contains(">" + id + "</text>"), "legend entry for " + id);
        }
        Set<Color> colours = seriesColours(chart);
        assertEquals(series.size(), colours.size(), "one line colour per series");
        assertEquals(3, text.split("<svg ", -1).length - 1, "three charts");

        Optional<String> browser = browser();
        Assumptions.assumeTrue(browser.isPresent(), "no headless browser: install Debian's chromium package "
                + "(apt-get install chromium) to render the report");
        BufferedImage image = render(browser.get(), dir, html);
        assertTrue(Pixels.inked(image) > image.getWidth() * image.getHeight() / 50, "the page is not blank");
        assertTrue(Pixels.coloured(image) > 2000, "the chart is drawn in colour");
        for (Color colour : colours) {
            assertTrue(Pixels.contains(image, colour, 12), "the screenshot shows the series coloured " + colour);
        }
    }

    /** Nothing in the page is fetched from elsewhere: no remote source, style sheet or script. */
    static void assertSelfContained(String html) {
        assertFalse(Pattern.compile("(src|href)\\s*=\\s*['\"]?\\s*(https?:|//)|url\\(\\s*['\"]?(https?:|//)|<script|<link",
                Pattern.CASE_INSENSITIVE).matcher(html).find(), "nothing is fetched from elsewhere");
    }

    private static String firstChart(String html) {
        int start = html.indexOf("<figure id=\"frontier-chip\">");
        assertTrue(start >= 0, "the chip frontier chart");
        return html.substring(start, html.indexOf("</figure>", start));
    }

    private static Set<Color> seriesColours(String svg) {
        Set<Color> colours = new LinkedHashSet<>();
        Matcher m = SERIES_STROKE.matcher(svg);
        while (m.find()) {
            colours.add(new Color(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3))));
        }
        return colours;
    }

    /**
     * A screenshot of the page in headless Chromium, which must render it without console errors or failed loads.
     */
    static BufferedImage render(String browser, Path dir, Path html) throws Exception {
        Path screenshot = dir.resolve("report.png");
        Path log = dir.resolve("chromium.log");
        Process chromium = new ProcessBuilder(browser, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + dir.resolve("profile"), "--hide-scrollbars", "--enable-logging=stderr",
                "--window-size=1100,1000", "--screenshot=" + screenshot, html.toUri().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(chromium.waitFor(120, TimeUnit.SECONDS), "chromium finished");
        String output = Files.readString(log);
        assertEquals(0, chromium.exitValue(), output);
        assertFalse(Pattern.compile("CONSOLE.*(Error|Uncaught)|Failed to load resource|net::ERR_").matcher(output)
                .find(), output);
        return ImageIO.read(screenshot.toFile());
    }

    /** Debian's headless Chromium, when installed. */
    static Optional<String> browser() {
        for (String dirName : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : new String[] {"chromium", "chromium-browser"}) {
                Path candidate = Path.of(dirName, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate.toString());
                }
            }
        }
        return Optional.empty();
    }
}
