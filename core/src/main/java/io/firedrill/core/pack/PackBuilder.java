package io.firedrill.core.pack;

import io.firedrill.api.spi.Payload;
import io.firedrill.core.crypto.Sealer;
import io.firedrill.core.index.BlobId;
import io.firedrill.core.index.BlobLocation;
import io.firedrill.core.index.BlobType;
import io.firedrill.core.index.PackRef;
import io.firedrill.core.json.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.security.SecureRandom;

/** Accumulates sealed blobs into one pack in memory. Not thread-safe: the blob store serialises access. */
public final class PackBuilder {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PackRef ref;
    private final Sealer sealer;
    private byte[] buffer;
    private int size;
    private final Map<BlobId, BlobLocation> contents = new LinkedHashMap<>();

    /**
     * @param envelope the sealed session key written into the pack prefix (empty when unencrypted)
     * @param sealer the session sealer, used for the trailer
     * @param capacityHint the expected pack size
     */
    public PackBuilder(byte[] envelope, Sealer sealer, int capacityHint) {
        byte[] idBytes = new byte[16];
        RANDOM.nextBytes(idBytes);
        this.ref = new PackRef(HexFormat.of().formatHex(idBytes), envelope);
        this.sealer = sealer;
        this.buffer = new byte[Math.max(1024, capacityHint + capacityHint / 8)];
        append(PackFormat.MAGIC);
        append(new byte[] {(byte) PackFormat.VERSION, (byte) envelope.length, (byte) (envelope.length >>> 8)});
        append(envelope);
    }

    /** Appends a sealed blob: the first {@code sealedLength} bytes of {@code sealed}. */
    public void add(BlobId id, BlobType type, byte[] sealed, int sealedLength, int rawLength) {
        contents.put(id, new BlobLocation(ref, type, size, sealedLength, rawLength));
        append(sealed, sealedLength);
    }

    /** Bytes so far. */
    public int size() {
        return size;
    }

    /** Whether no blob was added. */
    public boolean isEmpty() {
        return contents.isEmpty();
    }

    /** The pack's identity. */
    public PackRef ref() {
        return ref;
    }

    /** The blobs added, with their locations. */
    public Map<BlobId, BlobLocation> contents() {
        return contents;
    }

    /** Appends the sealed trailer and returns the finished pack's bytes (no copy: the builder is done). */
    public Payload finish() {
        List<PackTrailer.Entry> entries = new ArrayList<>(contents.size());
        contents.forEach((id, loc) -> entries.add(new PackTrailer.Entry(id.hex(), loc.type().code(), loc.offset(),
                loc.length(), loc.rawLength())));
        byte[] json = Json.write(new PackTrailer(entries));
        byte[] sealed = sealer.seal(json, 0, json.length, PackFormat.TRAILER_AAD);
        append(sealed);
        int n = sealed.length;
        append(new byte[] {(byte) n, (byte) (n >>> 8), (byte) (n >>> 16), (byte) (n >>> 24)});
        return Payload.of(buffer, 0, size);
    }

    private void append(byte[] bytes) {
        append(bytes, bytes.length);
    }

    private void append(byte[] bytes, int length) {
        if (size + length > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + length));
        }
        System.arraycopy(bytes, 0, buffer, size, length);
        size += length;
    }
}
