package io.firedrill.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class BlobIdHasherTest {
    private static final byte[] KEY_A = new byte[32];
    private static final byte[] KEY_B = new byte[32];

    static {
        Arrays.fill(KEY_B, (byte) 1);
    }

    @Property(tries = 200)
    void deterministicAndKeyed(@ForAll @Size(max = 1024) byte[] data) {
        BlobIdHasher a = new BlobIdHasher(KEY_A);
        byte[] id = a.hash(data);
        assertEquals(32, id.length);
        assertArrayEquals(id, new BlobIdHasher(KEY_A).hash(data));
        assertFalse(Arrays.equals(id, new BlobIdHasher(KEY_B).hash(data)));
    }

    @Test
    void isHmacSha256OverTheSlice() throws Exception {
        byte[] data = "xxchunk dataxx".getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY_B, "HmacSHA256"));
        mac.update(data, 2, 10);
        assertArrayEquals(mac.doFinal(), new BlobIdHasher(KEY_B).hash(data, 2, 10));
    }

    @Test
    void threadSafe() throws Exception {
        BlobIdHasher hasher = new BlobIdHasher(KEY_B);
        byte[] data = new byte[4096];
        byte[] expected = hasher.hash(data);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> results = pool.invokeAll(java.util.Collections.nCopies(200, () -> hasher.hash(data)));
            for (Future<byte[]> result : results) {
                assertArrayEquals(expected, result.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void toStringHidesTheKey() {
        assertFalse(new BlobIdHasher(KEY_B).toString().contains(HexFormat.of().formatHex(KEY_B)));
    }
}
