package io.firedrill.storage.swift;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** A few MiB of files to back up: random (incompressible) ones, text, an empty file, a nested directory. */
final class SourceTree {
    private SourceTree() {
    }

    static Path create(Path root, long seed) throws IOException {
        Random random = new Random(seed);
        Files.createDirectories(root.resolve("nested/deeper"));
        for (int i = 0; i < 6; i++) {
            byte[] data = new byte[300_000 + random.nextInt(1_500_000)];
            random.nextBytes(data);
            Files.write(root.resolve((i % 2 == 0 ? "nested/" : "") + "random-" + i + ".bin"), data);
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            text.append("2026-11-21T08:00:").append(i % 60).append(" INFO order ").append(i).append(" shipped\n");
        }
        Files.writeString(root.resolve("nested/deeper/app.log"), text);
        Files.createFile(root.resolve("empty"));
        return root;
    }
}
