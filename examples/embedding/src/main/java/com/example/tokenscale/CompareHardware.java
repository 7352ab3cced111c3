package com.example.tokenscale;

import dev.tokenscale.host.embed.CompareRequest;
import dev.tokenscale.host.embed.ComparisonResult;
import dev.tokenscale.host.embed.Notices;
import dev.tokenscale.host.embed.Tokenscale;
import dev.tokenscale.host.engine.Curve;

/** One model compared on every installed hardware system, through the embedding API: {@code java -jar ... [MODEL]}. */
public final class CompareHardware {

    public static void main(String[] args) {
        String model = args.length > 0 ? args[0] : "gpt-oss-120b";
        // The host's notices (a plugin or spec it skips) go where this program wants them: a Guice binding of its own.
        try (Tokenscale tokenscale = Tokenscale.builder()
                .with(binder -> binder.bind(Notices.class).toInstance(line -> System.err.println("skipped: " + line)))
                .build()) {
            ComparisonResult result = tokenscale.compare(CompareRequest.of(model));
            System.out.printf("%-20s %14s %14s %12s%n", "hardware", "max tok/s/user", "max tok/s/chip", "$/Mtok @50");
            for (Curve curve : result.comparison().systems()) {
                String cost = curve.cheapestAtLeast(result.costAtInteractivity())
                        .map(point -> String.format("%.3f", point.costPerMillionTokensUsd())).orElse("-");
                System.out.printf("%-20s %14.0f %14.1f %12s%n", curve.hardware(), curve.maxInteractivity(),
                        curve.maxThroughputPerChip(), cost);
            }
        }
    }
}
