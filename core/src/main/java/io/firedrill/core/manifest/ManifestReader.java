package io.firedrill.core.manifest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.firedrill.api.CorruptObjectException;
import io.firedrill.core.index.BlobId;
import io.firedrill.core.index.BlobLocation;
import io.firedrill.core.json.Json;
import io.firedrill.core.pack.BlobReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads a manifest by streaming its blobs through a JSON parser: the header first, then each entry in turn.
 * Memory stays at one blob whatever the manifest's size.
 */
public final class ManifestReader {
    private ManifestReader() {
    }

    /**
     * Reads a manifest.
     *
     * @param backupName the catalog object, for messages
     * @param blobs the manifest's blob ids
     * @param locate finds a blob's location (throwing when it is missing)
     * @param reader reads blobs
     * @param onHeader receives the header
     * @param onEntry receives every entry in order
     */
    public static void read(String backupName, List<BlobId> blobs, Function<BlobId, BlobLocation> locate,
                            BlobReader reader, Consumer<ManifestHeader> onHeader, Consumer<ManifestEntry> onEntry) {
        try (InputStream in = new BlobSequence(blobs, locate, reader);
             JsonParser p = Json.MAPPER.getFactory().createParser(in)) {
            expect(p.nextToken() == JsonToken.START_OBJECT, backupName, "not an object");
            Integer version = null;
            String backup = null;
            String source = null;
            String kind = null;
            int chunkSize = 0;
            Map<String, Object> engine = Map.of();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "version" -> version = p.getIntValue();
                    case "backup" -> backup = p.getText();
                    case "source" -> source = p.getText();
                    case "kind" -> kind = p.getText();
                    case "fileChunkSize" -> chunkSize = p.getIntValue();
                    case "engine" -> engine = readEngine(p);
                    case "entries" -> {
                        expect(version != null && version == 1, backupName, "unknown manifest version " + version);
                        onHeader.accept(new ManifestHeader(version, backup, source, kind, chunkSize, engine));
                        expect(p.currentToken() == JsonToken.START_ARRAY, backupName, "entries is not an array");
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            onEntry.accept(p.readValueAs(ManifestEntry.class));
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new CorruptObjectException(backupName, "its manifest is malformed: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readEngine(JsonParser p) throws IOException {
        return p.readValueAs(Map.class);
    }

    private static void expect(boolean condition, String backupName, String problem) {
        if (!condition) {
            throw new CorruptObjectException(backupName, "its manifest is malformed: " + problem);
        }
    }

    /** The concatenated plaintext of a manifest's blobs, fetched one at a time. */
    private static final class BlobSequence extends InputStream {
        private final Iterator<BlobId> ids;
        private final Function<BlobId, BlobLocation> locate;
        private final BlobReader reader;
        private byte[] current = new byte[0];
        private int position;

        BlobSequence(List<BlobId> ids, Function<BlobId, BlobLocation> locate, BlobReader reader) {
            this.ids = ids.iterator();
            this.locate = locate;
            this.reader = reader;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            while (position == current.length) {
                if (!ids.hasNext()) {
                    return -1;
                }
                BlobId id = ids.next();
                current = reader.read(id, locate.apply(id));
                position = 0;
            }
            int n = Math.min(len, current.length - position);
            System.arraycopy(current, position, b, off, n);
            position += n;
            return n;
        }
    }
}
