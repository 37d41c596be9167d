package io.firedrill.core.verify;

import io.firedrill.api.CorruptObjectException;
import io.firedrill.core.crypto.IntegrityException;
import io.firedrill.core.index.BlobId;
import io.firedrill.core.index.BlobLocation;
import io.firedrill.core.index.PackRef;
import io.firedrill.core.json.Json;
import io.firedrill.core.pack.BlobReader;
import io.firedrill.core.pack.PackLayout;
import io.firedrill.core.pack.PackTrailer;
import io.firedrill.core.repository.PackKeys;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;

/**
 * Checks every byte of one pack: the prefix and envelope, each indexed blob (seal, decompression, keyed hash),
 * and the sealed trailer, which must list exactly the blobs in the pack and end the pack exactly.
 */
final class PackCheck {
    private PackCheck() {
    }

    static void check(PackRef pack, byte[] bytes, Map<BlobId, BlobLocation> blobs, BlobReader reader,
                      PackKeys keys) {
        String object = pack.objectName();
        byte[] envelope = PackLayout.envelope(bytes, object);
        if (!Arrays.equals(envelope, pack.envelope())) {
            throw new CorruptObjectException(object, "its key envelope differs from the one the index records");
        }
        for (Map.Entry<BlobId, BlobLocation> e : blobs.entrySet()) {
            BlobLocation loc = e.getValue();
            if (loc.offset() + loc.length() > bytes.length) {
                throw new CorruptObjectException(object, "blob " + e.getKey() + " extends past the end of the pack");
            }
            reader.open(e.getKey(), loc, bytes, (int) loc.offset());
        }
        PackTrailer trailer = trailer(pack, bytes, keys, object);
        long end = PackLayout.prefixLength(envelope.length);
        for (PackTrailer.Entry entry : trailer.blobs()) {
            if (entry.offset() != end) {
                throw new CorruptObjectException(object, "its trailer does not describe a contiguous pack");
            }
            end += entry.length();
        }
        if (end != PackLayout.trailerStart(bytes, object)) {
            throw new CorruptObjectException(object, "its blobs and trailer do not fill the pack exactly");
        }
        java.util.Set<PackTrailer.Entry> listed = new java.util.HashSet<>(trailer.blobs());
        for (Map.Entry<BlobId, BlobLocation> e : blobs.entrySet()) {
            BlobLocation loc = e.getValue();
            PackTrailer.Entry expected = new PackTrailer.Entry(e.getKey().hex(), loc.type().code(), loc.offset(),
                    loc.length(), loc.rawLength());
            if (!listed.contains(expected)) {
                throw new CorruptObjectException(object, "its trailer does not list blob " + e.getKey()
                        + " where the index puts it");
            }
        }
    }

    private static PackTrailer trailer(PackRef pack, byte[] bytes, PackKeys keys, String object) {
        int start = PackLayout.trailerStart(bytes, object);
        int length = bytes.length - 4 - start;
        try {
            byte[] json = keys.sealerFor(pack).open(bytes, start, length, PackLayout.trailerAad());
            return Json.read(json, PackTrailer.class);
        } catch (IntegrityException e) {
            throw new CorruptObjectException(object, "its trailer: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new CorruptObjectException(object, "its trailer is malformed: " + e.getMessage(), e);
        }
    }
}
