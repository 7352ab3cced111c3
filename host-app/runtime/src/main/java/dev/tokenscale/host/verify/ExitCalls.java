package dev.tokenscale.host.verify;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Finds the classes of a plugin jar that can end the host's process: plugins run in the host's JVM, so a call to
 * {@code System.exit}, {@code Runtime.exit} or {@code Runtime.halt} would end every command and the server with
 * it. The calls are found in each class's constant pool, without loading the class; a call made through
 * reflection is not found.
 */
public final class ExitCalls {

    private static final Set<String> EXITS = Set.of("java/lang/System.exit", "java/lang/Runtime.exit",
            "java/lang/Runtime.halt");
    private static final int METHODREF = 10;

    private ExitCalls() {
    }

    /** One line per class that refers to an exit, e.g. {@code com.acme.Activator calls System.exit}. */
    public static List<String> in(Path jar) throws IOException {
        List<String> found = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : Collections.list(file.entries())) {
                if (!entry.getName().endsWith(".class")) {
                    continue;
                }
                try (InputStream in = file.getInputStream(entry)) {
                    for (String exit : exits(new DataInputStream(in))) {
                        found.add(entry.getName().replace('/', '.').replaceFirst("\\.class$", "") + " calls "
                                + exit.substring("java/lang/".length()));
                    }
                }
            }
        }
        return found;
    }

    /** The exits a class file's constant pool refers to. */
    private static List<String> exits(DataInputStream in) throws IOException {
        if (in.readInt() != 0xCAFEBABE) {
            return List.of();
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[][] refs = new int[count][];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++;
                }
                case 7, 8, 16, 19, 20 -> refs[i] = new int[] {tag, in.readUnsignedShort()};
                case 9, 10, 11, 12, 17, 18 -> refs[i] = new int[] {tag, in.readUnsignedShort(), in.readUnsignedShort()};
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        List<String> exits = new ArrayList<>();
        for (int[] ref : refs) {
            if (ref != null && ref[0] == METHODREF) {
                String owner = utf8[refs[ref[1]][1]];
                String name = utf8[refs[ref[2]][1]];
                if (EXITS.contains(owner + "." + name)) {
                    exits.add(owner + "." + name);
                }
            }
        }
        return exits;
    }
}
