package dev.tokenscale.host.cli;

import dev.tokenscale.host.embed.Tokenscale;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One section of the fidelity report ({@code docs/validation.md}): a set of published measurements read from the
 * reference folder, each predicted by tokenscale, with the factor between the two. Adding a section is one class
 * that implements this and one line in {@link FidelityCommand#SECTIONS}.
 */
interface FidelitySection {

    /** The section's heading. */
    String title();

    /** The name of the section's marker pair in the page, {@code <!-- generated: name -->}. */
    String name();

    /** Paragraphs that say what is compared, how it is predicted and how to read the table. */
    List<String> method();

    /** Predicts every published point of the section from the files in {@code reference}. */
    FidelityTable evaluate(Tokenscale tokenscale, Path reference) throws IOException;
}
