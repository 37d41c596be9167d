package io.firedrill.storage.swift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.spi.Payload;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Properties of the pure pieces: URL encoding, backoff delays, segment digests, checked downloads. */
class SwiftPropertiesTest {

    @Property
    void encodedNamesDecodeBackAndFormValidUris(@ForAll String name) {
        String encoded = ObjectUrls.encode(name, true);

        URI uri = URI.create("http://h/v1/AUTH_a/c/" + encoded);

        assertEquals("/v1/AUTH_a/c/" + name, uri.getPath());
        assertEquals(name, URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8));
    }

    @Property
    void delaysGrowWithinHalfAndAllOfTheCappedExponential(@ForAll @IntRange(min = 1, max = 40) int attempt) {
        RetryPolicy policy = new RetryPolicy(50, Duration.ofMillis(100), Duration.ofSeconds(5));
        long full = Math.min(5000, 100L << Math.min(attempt - 1, 20));

        long delay = policy.delayAfter(attempt).toMillis();

        assertTrue(delay >= full / 2 && delay <= full, attempt + " -> " + delay);
    }

    @Property(tries = 50)
    void segmentDigestsAreTheMd5OfEachSegment(@ForAll @Size(max = 5000) byte[] data,
            @ForAll @IntRange(min = 1, max = 2000) int segment) throws Exception {
        List<String> digests = PayloadDigest.segments(Payload.of(data), segment, "o", "w");

        assertEquals(Math.max(1, (data.length + segment - 1) / segment), digests.size());
        for (int i = 0; i < digests.size(); i++) {
            int from = i * segment;
            int to = Math.min(data.length, from + segment);
            byte[] part = java.util.Arrays.copyOfRange(data, from, to);
            assertEquals(HexFormat.of().formatHex(PayloadDigest.md5().digest(part)), digests.get(i));
        }
    }

    @Property(tries = 50)
    void checkedDownloadPassesIntactBodiesAndFailsDamagedOnes(@ForAll @Size(min = 1, max = 3000) byte[] data,
            @ForAll @IntRange(min = 0, max = 2999) int flip) throws IOException {
        String md5 = HexFormat.of().formatHex(PayloadDigest.md5().digest(data));
        try (InputStream in = new CheckedDownload(new ByteArrayInputStream(data), "o", data.length, md5)) {
            assertArrayEquals(data, in.readAllBytes());
        }
        byte[] damaged = data.clone();
        damaged[flip % data.length] ^= 1;
        try (InputStream in = new CheckedDownload(new ByteArrayInputStream(damaged), "o", data.length, md5)) {
            IOException e = assertThrows(IOException.class, in::readAllBytes);
            assertTrue(e.getMessage().contains("arrived damaged"), e.getMessage());
        }
        byte[] cut = java.util.Arrays.copyOf(data, data.length - 1);
        try (InputStream in = new CheckedDownload(new ByteArrayInputStream(cut), "o", data.length, null)) {
            IOException e = assertThrows(IOException.class, in::readAllBytes);
            assertTrue(e.getMessage().contains("ended after"), e.getMessage());
        }
    }
}
