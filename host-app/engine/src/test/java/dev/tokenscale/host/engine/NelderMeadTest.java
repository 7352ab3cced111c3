package dev.tokenscale.host.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class NelderMeadTest {

    @Test
    void findsTheBottomOfRosenbrocksValley() {
        double[] found = NelderMead.minimize(x -> Math.pow(1 - x[0], 2) + 100 * Math.pow(x[1] - x[0] * x[0], 2),
                new double[] {-1.2, 1}, 0.5, 5_000);
        assertArrayEquals(new double[] {1, 1}, found, 1e-4);
    }

    @Test
    void findsTheMinimumOfAQuadraticInSixVariables() {
        double[] centre = {0.3, -2, 5, 1e-3, 7, -0.5};
        double[] found = NelderMead.minimize(x -> {
            double sum = 0;
            for (int i = 0; i < x.length; i++) {
                sum += (i + 1) * (x[i] - centre[i]) * (x[i] - centre[i]);
            }
            return sum;
        }, new double[6], 0.2, 20_000);
        assertArrayEquals(centre, found, 1e-5);
    }
}
