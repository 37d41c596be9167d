package io.firedrill.mysql.replay;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Archived binlog files installed as the relay logs of a server: {@code <basename>.000001}, {@code .000002}, … and the
 * relay log index naming them. A relay log is byte for byte a binlog, so the applier reads the files as they are and
 * positions in them are the archived files' positions. The last file is cut at the stop position, so no event past
 * the target is even present. Files are hard-linked when they sit on the same file system, else copied.
 */
final class RelayLogs {
    private final Path index;
    private final List<Path> files;
    private final List<String> names;
    private final List<Long> sizes;

    private RelayLogs(Path index, List<Path> files, List<String> names, List<Long> sizes) {
        this.index = index;
        this.files = files;
        this.names = names;
        this.sizes = sizes;
    }

    /**
     * Installs {@code sources} (in order; the first is read from its start position by the applier) under
     * {@code basename}, the last one cut at {@code stopPosition}, and writes {@code index}.
     *
     * @param dataDir the server's data directory: index lines for files in it are relative ({@code ./name}), as the
     *     server writes them
     */
    static RelayLogs install(List<ArchivedBinlog> sources, long stopPosition, Path basename, Path index, Path dataDir) {
        List<Path> files = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        StringBuilder lines = new StringBuilder();
        try {
            for (int i = 0; i < sources.size(); i++) {
                Path source = sources.get(i).path();
                Path target = basename.resolveSibling(basename.getFileName() + String.format(".%06d", i + 1));
                Files.deleteIfExists(target);
                files.add(target);
                if (i == sources.size() - 1 && stopPosition < Files.size(source)) {
                    copyPrefix(source, target, stopPosition);
                } else {
                    linkOrCopy(source, target);
                }
                sizes.add(Files.size(target));
                boolean inDataDir = target.getParent().equals(dataDir);
                String name = inDataDir ? target.getFileName().toString() : target.toString();
                names.add(name);
                lines.append(inDataDir ? "./" + name : name).append('\n');
            }
            Files.writeString(index, lines.toString());
        } catch (IOException e) {
            RelayLogs partial = new RelayLogs(index, files, names, sizes);
            partial.delete();
            throw new UncheckedIOException("could not install binlog files as relay logs under " + basename + ": "
                    + e.getMessage(), e);
        }
        return new RelayLogs(index, files, names, sizes);
    }

    private static void linkOrCopy(Path source, Path target) throws IOException {
        try {
            Files.createLink(target, source);
        } catch (FileSystemException | UnsupportedOperationException e) {
            Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    private static void copyPrefix(Path source, Path target, long length) throws IOException {
        try (InputStream in = Files.newInputStream(source); OutputStream out = Files.newOutputStream(target)) {
            byte[] buffer = new byte[1 << 16];
            long left = length;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException(source + " ended before position " + length);
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        }
    }

    /** The name the server knows relay log {@code i} by (for {@code RELAY_LOG_FILE}). */
    String name(int i) {
        return names.get(i);
    }

    /** The position of relay log {@code name} in the sequence, or -1. */
    int indexOf(String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equals(name) || files.get(i).getFileName().toString().equals(name)
                    || files.get(i).toString().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** How many files. */
    int count() {
        return files.size();
    }

    /** The bytes of the files before relay log {@code i}. */
    long bytesBefore(int i) {
        long total = 0;
        for (int k = 0; k < i; k++) {
            total += sizes.get(k);
        }
        return total;
    }

    /** The installed bytes. */
    long bytes() {
        return bytesBefore(sizes.size());
    }

    /** Deletes whatever of the files and the index the server left (it purges applied relay logs itself). */
    void delete() {
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // best effort: a leftover relay log is harmless once the replica configuration is reset
            }
        }
        try {
            Files.deleteIfExists(index);
        } catch (IOException e) {
            // same
        }
    }
}
