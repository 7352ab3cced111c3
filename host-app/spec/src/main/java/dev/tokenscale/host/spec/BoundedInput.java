package dev.tokenscale.host.spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a whole input before any parser sees it, refusing what a reader should never parse: a folder, a pipe or
 * device (opening a FIFO would block), a missing file, and more bytes than the kind of file can hold. The bound is
 * checked on the bytes actually read, so a file that grows, a {@code /proc} file that reports size 0 and a
 * compressed bundle entry that inflates beyond it are refused too.
 */
public final class BoundedInput {

    /**
     * Largest spec, model, Hugging Face config, calibration or economics file: the shipped ones are under 10 KB, a
     * Hugging Face {@code config.json} a few KB, so 1 MiB leaves room and keeps parsing under a second.
     */
    public static final int SPEC_BYTES = 1 << 20;

    /** Largest measurement file: 64 MiB holds about 600,000 rows of the documented columns. */
    public static final int MEASUREMENT_BYTES = 64 << 20;

    private BoundedInput() {
    }

    /** The bytes of a regular file of at most {@code maxBytes}; the error names the file and what was wrong. */
    public static byte[] read(Path file, int maxBytes) throws SpecException {
        String name = file.toString();
        checkFile(file);
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, maxBytes, name);
        } catch (IOException e) {
            throw new SpecException(name, "", "cannot read: " + reason(e));
        }
    }

    /** That a path names a regular file; otherwise an error that says what it names instead. */
    public static void checkFile(Path file) throws SpecException {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw new SpecException(name, "", "is a folder; expected a file");
        }
        if (!Files.exists(file)) {
            throw new SpecException(name, "", "no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new SpecException(name, "", "is not a regular file (a pipe, socket or device); expected a file");
        }
    }

    /** At most {@code maxBytes} of a stream (which the caller closes); {@code name} names it in the error. */
    public static byte[] read(InputStream in, int maxBytes, String name) throws SpecException {
        byte[] bytes;
        try {
            bytes = in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw new SpecException(name, "", "cannot read: " + reason(e));
        }
        if (bytes.length > maxBytes) {
            throw new SpecException(name, "", "is larger than " + size(maxBytes) + "; expected a smaller file");
        }
        return bytes;
    }

    /** Why a read failed, in words: the JDK names only the path for a refused permission. */
    public static String reason(IOException e) {
        return e instanceof AccessDeniedException ? "permission denied"
                : e instanceof NoSuchFileException ? "no such file" : String.valueOf(e.getMessage());
    }

    /** A byte count as people write it: {@code 1 MiB}, {@code 64 MiB}, {@code 512 KiB}. */
    static String size(long bytes) {
        return bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? bytes / (1 << 20) + " MiB"
                : bytes >= 1 << 10 ? String.format(Locale.ROOT, "%d KiB", bytes / 1024) : bytes + " bytes";
    }
}
