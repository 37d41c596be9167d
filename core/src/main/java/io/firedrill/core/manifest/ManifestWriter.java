package io.firedrill.core.manifest;

import com.fasterxml.jackson.core.JsonGenerator;
import io.firedrill.core.chunking.ContentDefinedChunker;
import io.firedrill.core.index.BlobId;
import io.firedrill.core.index.BlobType;
import io.firedrill.core.json.Json;
import io.firedrill.core.pack.BlobStore;
import io.firedrill.core.crypto.BlobIdHasher;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams a manifest as JSON into content-defined manifest blobs, so a manifest of a million files never
 * sits in memory and unchanged parts deduplicate between backups. Entries must come in a stable order.
 */
public final class ManifestWriter implements AutoCloseable {
    private final ChunkingOutput output;
    private final JsonGenerator json;

    /**
     * @param header the header fields
     * @param chunker cuts the JSON stream into blobs
     * @param hasher computes blob ids
     * @param store stores the blobs
     */
    public ManifestWriter(ManifestHeader header, ContentDefinedChunker chunker, BlobIdHasher hasher, BlobStore store) {
        this.output = new ChunkingOutput(chunker, hasher, store);
        try {
            this.json = Json.MAPPER.getFactory().createGenerator(output);
            json.writeStartObject();
            json.writeNumberField("version", header.version());
            json.writeStringField("backup", header.backup());
            json.writeStringField("source", header.source());
            json.writeStringField("kind", header.kind());
            json.writeNumberField("fileChunkSize", header.fileChunkSize());
            json.writeFieldName("engine");
            Json.MAPPER.writeValue(json, header.engine());
            json.writeArrayFieldStart("entries");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends one entry. */
    public void add(ManifestEntry entry) {
        try {
            Json.MAPPER.writeValue(json, entry);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the document and returns the ids of its blobs, in order. */
    public List<BlobId> finish() {
        try {
            json.writeEndArray();
            json.writeEndObject();
            json.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return output.finish();
    }

    @Override
    public void close() {
        // nothing to release: an unfinished manifest's blobs are garbage for prune
    }

    /** An output stream that cuts what it receives into content-defined blobs. */
    private static final class ChunkingOutput extends OutputStream {
        private final ContentDefinedChunker chunker;
        private final BlobIdHasher hasher;
        private final BlobStore store;
        private final byte[] buffer;
        private int filled;
        private final List<BlobId> ids = new ArrayList<>();

        ChunkingOutput(ContentDefinedChunker chunker, BlobIdHasher hasher, BlobStore store) {
            this.chunker = chunker;
            this.hasher = hasher;
            this.store = store;
            this.buffer = new byte[2 * chunker.maxSize()];
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            while (len > 0) {
                int n = Math.min(len, buffer.length - filled);
                System.arraycopy(b, off, buffer, filled, n);
                filled += n;
                off += n;
                len -= n;
                if (filled == buffer.length) {
                    cut(false);
                }
            }
        }

        private void cut(boolean last) {
            int start = 0;
            while (filled - start >= chunker.maxSize() || (last && filled > start)) {
                int n = chunker.cut(buffer, start, filled - start);
                emit(start, n);
                start += n;
            }
            System.arraycopy(buffer, start, buffer, 0, filled - start);
            filled -= start;
        }

        private void emit(int offset, int length) {
            BlobId id = BlobId.of(hasher.hash(buffer, offset, length));
            store.store(BlobType.MANIFEST, id, buffer, offset, length);
            ids.add(id);
        }

        List<BlobId> finish() {
            cut(true);
            return List.copyOf(ids);
        }
    }
}
