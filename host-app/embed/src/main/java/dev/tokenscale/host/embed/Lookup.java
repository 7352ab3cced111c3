package dev.tokenscale.host.embed;

import dev.tokenscale.api.ModelArchitecture;
import dev.tokenscale.host.engine.Accelerator;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** Finds installed hardware and models by id; an unknown id gets the nearest names as advice. */
public final class Lookup {

    private Lookup() {
    }

    /** The system with this id among the installed ones. */
    public static Accelerator hardware(List<Accelerator> installed, String id) {
        return find(installed, Accelerator::id, id, "hardware");
    }

    /** The model with this id among the installed ones. */
    public static ModelArchitecture model(List<ModelArchitecture> installed, String id) {
        return find(installed, ModelArchitecture::id, id, "model");
    }

    private static <T> T find(List<T> items, Function<T, String> idOf, String id, String what) {
        for (T item : items) {
            if (idOf.apply(item).equals(id)) {
                return item;
            }
        }
        // Ids that contain what was typed come first, so that "h100" suggests "nvidia-h100".
        List<String> nearest = items.stream().map(idOf)
                .sorted(Comparator.comparingInt((String candidate) -> candidate.contains(id) ? 0 : 1)
                        .thenComparingInt(candidate -> distance(candidate, id))
                        .thenComparing(Comparator.naturalOrder()))
                .limit(3).toList();
        throw new InvalidInputException("unknown " + what + " '" + id + "'"
                + (nearest.isEmpty() ? "; none is installed" : "; did you mean " + String.join(", ", nearest) + "?"));
    }

    /** Levenshtein distance, for "did you mean". */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
