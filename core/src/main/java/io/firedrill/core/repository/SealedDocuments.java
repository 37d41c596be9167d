package io.firedrill.core.repository;

import io.firedrill.api.CorruptObjectException;
import io.firedrill.core.compression.BlobCodec;
import io.firedrill.core.compression.CorruptBlobException;
import io.firedrill.core.crypto.IntegrityException;
import io.firedrill.core.crypto.Sealer;
import io.firedrill.api.Compression;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Seals metadata documents (index files, catalog entries): {@code seal(rawLength(uint32 LE) || encoded)},
 * where {@code encoded} is the {@link BlobCodec} form of the JSON bytes.
 */
public final class SealedDocuments {
    private static final int MAX_DOCUMENT = 256 * 1024 * 1024;
    private final Sealer sealer;
    private final BlobCodec codec = new BlobCodec(Compression.defaults());

    /** @param sealer the metadata sealer (the meta key, or checksums in an unencrypted repository) */
    public SealedDocuments(Sealer sealer) {
        this.sealer = sealer;
    }

    /** Compresses and seals a document, binding it to {@code context}. */
    public byte[] seal(byte[] json, String context) {
        byte[] encoded = codec.encode(json, 0, json.length);
        ByteBuffer plain = ByteBuffer.allocate(4 + encoded.length).order(ByteOrder.LITTLE_ENDIAN);
        plain.putInt(json.length).put(encoded);
        return sealer.seal(plain.array(), 0, plain.capacity(), aad(context));
    }

    /** Opens a sealed document; any damage is a {@link CorruptObjectException} naming the object. */
    public byte[] open(byte[] sealed, String context, String objectName) {
        try {
            byte[] plain = sealer.open(sealed, 0, sealed.length, aad(context));
            if (plain.length < 4) {
                throw new CorruptObjectException(objectName, "document shorter than its header");
            }
            int rawLength = ByteBuffer.wrap(plain, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (rawLength < 0 || rawLength > MAX_DOCUMENT) {
                throw new CorruptObjectException(objectName, "implausible document length " + rawLength);
            }
            return codec.decode(plain, 4, plain.length - 4, rawLength);
        } catch (IntegrityException e) {
            throw new CorruptObjectException(objectName, e.getMessage(), e);
        } catch (CorruptBlobException e) {
            throw new CorruptObjectException(objectName, e.getMessage(), e);
        }
    }

    private static byte[] aad(String context) {
        return context.getBytes(StandardCharsets.UTF_8);
    }
}
