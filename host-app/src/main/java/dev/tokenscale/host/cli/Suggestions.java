package dev.tokenscale.host.cli;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** The known ids nearest to one a user mistyped, for "did you mean" in one-line errors. */
public final class Suggestions {

    private Suggestions() {
    }

    /**
     * Up to {@code limit} known ids, nearest first: ids that contain what was typed (so {@code h100} finds
     * {@code nvidia-h100}), then by edit distance.
     */
    public static List<String> nearest(String typed, Collection<String> known, int limit) {
        return known.stream()
                .sorted(Comparator.<String>comparingInt(id -> id.contains(typed) ? 0 : 1)
                        .thenComparingInt(id -> distance(typed, id))
                        .thenComparing(Comparator.naturalOrder()))
                .limit(limit).toList();
    }

    /** Levenshtein distance: the fewest single-character insertions, deletions and substitutions. */
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
