package io.firedrill.storage.swift;

import static io.firedrill.core.storage.StreamAssertions.assertSameContent;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.spi.ObjectInfo;
import io.firedrill.core.storage.GeneratedPayload;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Objects above the threshold become Static Large Objects whose segments live, and die, with them. */
class SwiftLargeObjectTest {
    private static final long MIB = SwiftStorageBuilder.MIB;

    @Test
    void largeObjectIsStoredAsSegmentsReadWholeOrByRangeAndDeletedWithThem() throws Exception {
        String container = LocalSwift.freshContainer("slo");
        try (SwiftStorage storage = SwiftStorage.builder().auth(LocalSwift.auth()).container(container).prefix("r")
                .createContainer(true).largeObjectThreshold(2 * MIB).segmentSize(MIB).build()) {
            long size = 3 * MIB + MIB / 2;
            GeneratedPayload payload = new GeneratedPayload(42, size);

            storage.put("packs/big", payload);

            SwiftStorage segments = SwiftStorage.builder().auth(LocalSwift.auth())
                    .container(container + "_segments").build();

            assertEquals(Optional.of(new ObjectInfo("packs/big", size)), storage.head("packs/big"));
            assertSameContent(payload.open(), storage.get("packs/big"), "large object read whole");
            long across = MIB - 1000;
            try (InputStream in = storage.get("packs/big", across, MIB + 2000)) {
                assertArrayEquals(payload.slice(across, (int) (MIB + 2000)), in.readAllBytes(),
                        "range across two segment boundaries");
            }
            assertEquals(Map.of("packs/big", size), awaitListing(storage, "packs/", 1));
            Map<String, Long> parts = awaitListing(segments, "r/packs/big/", 4);
            assertEquals(4, parts.size(), "segments " + parts);
            assertEquals(size, parts.values().stream().mapToLong(Long::longValue).sum());

            storage.put("packs/big", new GeneratedPayload(43, 2 * MIB + 1));

            assertSameContent(new GeneratedPayload(43, 2 * MIB + 1).open(), storage.get("packs/big"), "replaced");
            assertEquals(3, awaitListing(segments, "r/packs/big/", 3).size(), "the replaced object's segments go");

            storage.delete("packs/big");

            assertEquals(Optional.empty(), storage.head("packs/big"));
            assertEquals(Map.of(), awaitListing(segments, "r/packs/big/", 0), "segments deleted with the object");
        }
    }

    @Test
    void objectAtTheThresholdStaysASingleObject() {
        String container = LocalSwift.freshContainer("threshold");
        try (SwiftStorage storage = SwiftStorage.builder().auth(LocalSwift.auth()).container(container)
                .createContainer(true).largeObjectThreshold(MIB).segmentSize(MIB).build()) {
            GeneratedPayload payload = new GeneratedPayload(7, MIB);

            storage.put("exact", payload);

            assertSameContent(payload.open(), storage.get("exact"), "object of exactly the threshold");
            long before = storage.requestCount();
            storage.delete("exact");
            assertTrue(storage.requestCount() - before <= 2, "a plain delete takes at most two requests");
            assertEquals(Optional.empty(), storage.head("exact"));
        }
    }

    /** Polls a listing until it has {@code count} entries (listings are eventually consistent). */
    static Map<String, Long> awaitListing(SwiftStorage storage, String prefix, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            Map<String, Long> listed = new TreeMap<>();
            storage.list(prefix, info -> listed.put(info.name(), info.size()));
            if (listed.size() == count || System.nanoTime() > deadline) {
                return listed;
            }
            Thread.sleep(100);
        }
    }
}
