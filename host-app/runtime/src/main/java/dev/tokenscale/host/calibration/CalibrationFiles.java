package dev.tokenscale.host.calibration;

import dev.tokenscale.host.spec.SpecMapper;
import dev.tokenscale.host.spec.SpecException;
import dev.tokenscale.host.spec.HardwareReader;
import dev.tokenscale.host.spec.FigureFile;
import dev.tokenscale.host.spec.Fields;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.tokenscale.api.Figure;
import dev.tokenscale.host.engine.CalibratedRange;
import dev.tokenscale.host.engine.CalibratedRange.CalibratedModel;
import dev.tokenscale.host.engine.CalibratedRange.Span;
import dev.tokenscale.host.engine.Calibration;
import dev.tokenscale.host.engine.Calibrator;
import dev.tokenscale.host.calibration.CalibrationFile.FitError;
import dev.tokenscale.host.calibration.CalibrationFile.ModelShape;
import dev.tokenscale.host.calibration.CalibrationFile.RangeFile;
import dev.tokenscale.host.calibration.CalibrationFile.SpanFile;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads and writes calibration files (schema: {@code docs/calibration.md}). */
public final class CalibrationFiles {

    private static final ObjectMapper WRITER = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private CalibrationFiles() {
    }

    /** Reads a calibration file. */
    public static Calibration read(Path file) throws SpecException {
        CalibrationFile f = SpecMapper.read(file, CalibrationFile.class);
        Fields fields = new Fields(file.toString());
        String hardware = fields.id("hardware", f.hardware());
        if (f.execution() == null || f.execution().isEmpty()) {
            throw fields.error("execution", "missing; expected the fitted parameters, e.g. memoryEfficiency: "
                    + "{value: 0.85, source: \"calibrated: ...\"}");
        }
        return new Calibration(file.toString(), hardware, HardwareReader.execution(f.execution(), fields),
                f.range() == null ? null : range(f.range(), fields));
    }

    private static CalibratedRange range(RangeFile r, Fields fields) throws SpecException {
        if (r.models() == null || r.models().isEmpty()) {
            throw fields.error("range.models", "missing; expected the measured models with id, activeParameters "
                    + "and moe");
        }
        List<CalibratedModel> models = new ArrayList<>();
        for (int i = 0; i < r.models().size(); i++) {
            ModelShape m = r.models().get(i);
            String path = "range.models[" + i + "]";
            if (m.activeParameters() == null || !(m.activeParameters() > 0)) {
                throw fields.error(path + ".activeParameters", "'" + m.activeParameters()
                        + "': expected a number above 0");
            }
            if (m.moe() == null) {
                throw fields.error(path + ".moe", "missing; expected true or false");
            }
            models.add(new CalibratedModel(fields.id(path + ".id", m.id()), m.activeParameters(), m.moe()));
        }
        return new CalibratedRange(span("range.batch", r.batch(), fields),
                span("range.contextTokens", r.contextTokens(), fields),
                span("range.promptTokens", r.promptTokens(), fields), fields.positive("range.devices", r.devices()),
                models);
    }

    private static Span span(String path, SpanFile s, Fields fields) throws SpecException {
        if (s == null) {
            return null;
        }
        if (s.min() == null || s.max() == null || !(s.min() > 0) || s.max() < s.min()) {
            throw fields.error(path, "min " + s.min() + ", max " + s.max() + ": expected 0 < min <= max");
        }
        return new Span(s.min(), s.max());
    }

    /** Writes a fit as a calibration file. */
    public static void write(Path out, Calibrator.Fit fit, String measurements, String date)
            throws IOException {
        Calibration c = fit.calibration();
        Map<String, FigureFile> execution = new TreeMap<>();
        c.execution().forEach((name, figure) -> execution.put(name, written(name, figure)));
        CalibratedRange r = c.range();
        RangeFile range = new RangeFile(span(r.batch()), span(r.contextTokens()), span(r.promptTokens()),
                r.devices(), r.models().stream().map(m -> new ModelShape(m.id(), m.activeParameters(), m.moe()))
                .toList());
        CalibrationFile file = new CalibrationFile(c.hardware(), measurements, fit.after().rows(), date, execution, range,
                new FitError(fit.before(), fit.after()));
        String text;
        try {
            text = WRITER.writeValueAsString(file);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the calibration", e);
        }
        Files.writeString(out, "# Execution parameters of " + c.hardware() + " fitted by `tokenscale calibrate`.\n"
                + "# Apply with --calibration " + out.getFileName() + " (docs/calibration.md).\n" + text);
    }

    private static SpanFile span(Span s) {
        return s == null ? null : new SpanFile(s.min(), s.max());
    }

    /** Latencies in microseconds with their unit, other parameters as plain numbers. */
    private static FigureFile written(String name, Figure figure) {
        Object value = figure.value();
        if (name.endsWith("Latency")) {
            value = new BigDecimal(figure.value() * 1e6).round(new MathContext(4)).stripTrailingZeros()
                    .toPlainString() + " us";
        }
        return new FigureFile(value, figure.source(), figure.note());
    }
}
