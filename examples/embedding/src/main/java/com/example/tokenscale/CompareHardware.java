package com.example.tokenscale;

import dev.tokenscale.host.embed.EstimateRequest;
import dev.tokenscale.host.embed.Hardware;
import dev.tokenscale.host.embed.Tokenscale;
import dev.tokenscale.host.engine.Estimate;

/** One model on every installed hardware system, through the embedding API: {@code java -jar ... [MODEL]}. */
public final class CompareHardware {

    public static void main(String[] args) {
        String model = args.length > 0 ? args[0] : "gpt-oss-120b";
        try (Tokenscale tokenscale = Tokenscale.builder().build()) {
            System.out.printf("%-20s %8s %12s %12s%n", "hardware", "devices", "tok/s/user", "tok/s/chip");
            for (Hardware hardware : tokenscale.hardware()) {
                Estimate e = tokenscale.estimate(EstimateRequest.of(model, hardware.id()));
                System.out.printf(e.fits() ? "%-20s %8d %12.0f %12.1f%n" : "%-20s does not fit%n", e.hardware(),
                        e.devices(), e.tokensPerUserPerSecond(), e.tokensPerChipPerSecond());
            }
        }
    }
}
