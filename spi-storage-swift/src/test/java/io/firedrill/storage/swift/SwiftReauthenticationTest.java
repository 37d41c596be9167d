package io.firedrill.storage.swift;

import static io.firedrill.core.storage.StreamAssertions.assertSameContent;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.firedrill.api.spi.ObjectInfo;
import io.firedrill.api.spi.Payload;
import io.firedrill.core.storage.GeneratedPayload;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * When Swift stops accepting the cached token (it expired or was revoked: here the server really forgets every
 * token), the storage logs in again and the operation succeeds, also with several threads at once.
 */
class SwiftReauthenticationTest {

    @Test
    void operationsContinueAfterTheServerForgetsTheToken() throws Exception {
        try (SwiftStorage storage = LocalSwift.builder("reauth").build()) {
            storage.put("before", Payload.of("one".getBytes(StandardCharsets.UTF_8)));

            LocalSwift.server().invalidateTokens();

            assertEquals(Optional.of(new ObjectInfo("before", 3)), storage.head("before"));
            storage.put("after", Payload.of("two".getBytes(StandardCharsets.UTF_8)));
            assertEquals(Optional.of(new ObjectInfo("after", 3)), storage.head("after"));
        }
    }

    @Test
    void concurrentUploadsSurviveATokenInvalidation() throws Exception {
        try (SwiftStorage storage = LocalSwift.builder("reauth-threads").build()) {
            storage.put("warm-up", Payload.of(new byte[1]));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> uploads = new ArrayList<>();
                for (int thread = 0; thread < 4; thread++) {
                    int id = thread;
                    uploads.add(pool.submit(() -> {
                        for (int i = 0; i < 10; i++) {
                            storage.put("t" + id + "/o" + i, new GeneratedPayload(id * 100L + i, 50_000));
                        }
                        return null;
                    }));
                }
                Thread.sleep(50);
                LocalSwift.server().invalidateTokens();
                for (Future<?> upload : uploads) {
                    upload.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            for (int thread = 0; thread < 4; thread++) {
                for (int i = 0; i < 10; i++) {
                    assertSameContent(new GeneratedPayload(thread * 100L + i, 50_000).open(),
                            storage.get("t" + thread + "/o" + i), "t" + thread + "/o" + i);
                }
            }
        }
    }
}
