package io.firedrill.storage.s3;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** A small generated directory tree to back up: text, random bytes, zeros, one file larger than a pack. */
final class SourceTree {
    private SourceTree() {
    }

    static Path create(Path root, long seed) throws IOException {
        Random random = new Random(seed);
        Files.createDirectories(root.resolve("logs/2026"));
        Files.createDirectories(root.resolve("blobs"));
        for (int i = 0; i < 20; i++) {
            StringBuilder text = new StringBuilder();
            for (int line = 0; line < 2000 + random.nextInt(2000); line++) {
                text.append("2026-11-21T08:").append(line % 60).append(" order ").append(random.nextInt(100_000))
                        .append(" shipped to customer ").append(random.nextInt(5000)).append('\n');
            }
            Files.writeString(root.resolve("logs/2026/day-" + i + ".log"), text, StandardCharsets.UTF_8);
        }
        writeRandom(root.resolve("blobs/large.bin"), 11 * 1024 * 1024 + 123, random);
        for (int i = 0; i < 5; i++) {
            writeRandom(root.resolve("blobs/small-" + i + ".bin"), random.nextInt(300_000), random);
        }
        Files.write(root.resolve("blobs/zeros.bin"), new byte[3 * 1024 * 1024]);
        Files.createFile(root.resolve("empty"));
        return root;
    }

    private static void writeRandom(Path file, long size, Random random) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= buffer.length) {
                random.nextBytes(buffer);
                out.write(buffer, 0, (int) Math.min(buffer.length, left));
            }
        }
    }
}
