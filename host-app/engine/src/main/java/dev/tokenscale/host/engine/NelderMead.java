package dev.tokenscale.host.engine;

import java.util.Arrays;
import java.util.Comparator;
import java.util.function.ToDoubleFunction;

/**
 * The Nelder-Mead downhill simplex: minimises a function of a few variables without derivatives. Restarted from
 * its best point until a restart no longer improves it, which guards against the simplex collapsing early.
 */
final class NelderMead {

    private static final int MAX_RESTARTS = 8;

    private NelderMead() {
    }

    /**
     * The point near {@code start} where {@code f} is smallest.
     *
     * @param f               the function
     * @param start           where to start
     * @param step            initial size of the simplex along each axis
     * @param maxEvaluations  budget per restart
     */
    static double[] minimize(ToDoubleFunction<double[]> f, double[] start, double step, int maxEvaluations) {
        double[] best = start.clone();
        double bestValue = f.applyAsDouble(best);
        for (int restart = 0; restart < MAX_RESTARTS; restart++) {
            double[] found = run(f, best, step, maxEvaluations);
            double value = f.applyAsDouble(found);
            boolean improved = value < bestValue - 1e-12 * Math.max(1, Math.abs(bestValue));
            if (value < bestValue) {
                best = found;
                bestValue = value;
            }
            if (!improved) {
                break;
            }
        }
        return best;
    }

    private static double[] run(ToDoubleFunction<double[]> f, double[] start, double step, int maxEvaluations) {
        int n = start.length;
        double[][] points = new double[n + 1][];
        double[] values = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            points[i] = start.clone();
            if (i > 0) {
                points[i][i - 1] += step;
            }
            values[i] = f.applyAsDouble(points[i]);
        }
        Integer[] order = new Integer[n + 1];
        for (int evaluations = n + 1; evaluations < maxEvaluations; ) {
            for (int i = 0; i <= n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
            int best = order[0];
            int worst = order[n];
            int secondWorst = order[n - 1];
            if (values[worst] - values[best] <= 1e-14 * (1 + Math.abs(values[best])) && spread(points) < 1e-9) {
                return points[best];
            }
            double[] centroid = new double[n];
            for (int i = 0; i <= n; i++) {
                if (i != worst) {
                    for (int d = 0; d < n; d++) {
                        centroid[d] += points[i][d] / n;
                    }
                }
            }
            double[] reflected = along(centroid, points[worst], -1);
            double reflectedValue = f.applyAsDouble(reflected);
            evaluations++;
            if (reflectedValue < values[best]) {
                double[] expanded = along(centroid, points[worst], -2);
                double expandedValue = f.applyAsDouble(expanded);
                evaluations++;
                boolean expand = expandedValue < reflectedValue;
                points[worst] = expand ? expanded : reflected;
                values[worst] = expand ? expandedValue : reflectedValue;
            } else if (reflectedValue < values[secondWorst]) {
                points[worst] = reflected;
                values[worst] = reflectedValue;
            } else {
                boolean outside = reflectedValue < values[worst];
                double[] contracted = along(centroid, outside ? reflected : points[worst], 0.5);
                double contractedValue = f.applyAsDouble(contracted);
                evaluations++;
                if (contractedValue < Math.min(reflectedValue, values[worst])) {
                    points[worst] = contracted;
                    values[worst] = contractedValue;
                } else {
                    for (int i = 0; i <= n; i++) {
                        if (i != best) {
                            points[i] = along(points[best], points[i], 0.5);
                            values[i] = f.applyAsDouble(points[i]);
                            evaluations++;
                        }
                    }
                }
            }
        }
        int best = 0;
        for (int i = 1; i <= n; i++) {
            if (values[i] < values[best]) {
                best = i;
            }
        }
        return points[best];
    }

    /** {@code from + t (to - from)}. */
    private static double[] along(double[] from, double[] to, double t) {
        double[] point = new double[from.length];
        for (int d = 0; d < from.length; d++) {
            point[d] = from[d] + t * (to[d] - from[d]);
        }
        return point;
    }

    private static double spread(double[][] points) {
        double spread = 0;
        for (double[] point : points) {
            for (int d = 0; d < point.length; d++) {
                spread = Math.max(spread, Math.abs(point[d] - points[0][d]));
            }
        }
        return spread;
    }
}
