package io.firedrill.core.backup;

import com.fasterxml.jackson.core.type.TypeReference;
import io.firedrill.api.CorruptObjectException;
import io.firedrill.api.spi.PhysicalBackup;
import io.firedrill.core.catalog.CatalogEntry;
import io.firedrill.core.chunking.ContentDefinedChunker;
import io.firedrill.core.index.BlobId;
import io.firedrill.core.index.BlobType;
import io.firedrill.core.index.RepositoryIndex;
import io.firedrill.core.json.Json;
import io.firedrill.core.pack.BlobReader;
import io.firedrill.core.pack.BlobStore;
import io.firedrill.core.repository.Repository;
import io.firedrill.core.repository.RepositoryLayout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's details of a database backup (positions, versions, {@code backup_label}, row counts…), stored as
 * manifest-type blobs so that only keys that can read backups can read them.
 */
public final class EngineDetails {
    private EngineDetails() {
    }

    /** The details of a backup, as recovery needs them. */
    public record Read(Map<String, Object> details, Map<String, byte[]> files) {
    }

    /** Stores an engine's result; returns the blob ids. */
    public static List<BlobId> store(Repository repository, BlobStore store, PhysicalBackup.Result result) {
        Map<String, String> files = new LinkedHashMap<>();
        result.files().forEach((path, bytes) -> files.put(path, Base64.getEncoder().encodeToString(bytes)));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("version", 1);
        document.put("details", result.details());
        document.put("files", files);
        return storeDocument(repository, store, Json.write(document));
    }

    /** Stores a details document's bytes, cut by the repository's stream chunker; returns the blob ids. */
    public static List<BlobId> storeDocument(Repository repository, BlobStore store, byte[] json) {
        ContentDefinedChunker chunker = repository.streamChunker();
        List<BlobId> ids = new ArrayList<>();
        int offset = 0;
        while (offset < json.length) {
            int n = chunker.cut(json, offset, json.length - offset);
            BlobId id = BlobId.of(repository.hasher().hash(json, offset, n));
            store.store(BlobType.MANIFEST, id, json, offset, n);
            ids.add(id);
            offset += n;
        }
        return ids;
    }

    /** Reads the details of an engine backup. */
    public static Read read(CatalogEntry entry, RepositoryIndex index, BlobReader reader) {
        String object = RepositoryLayout.BACKUPS + entry.id();
        byte[] json = readDocument(entry, index, reader);
        try {
            Map<String, Object> document = Json.MAPPER.readValue(json, new TypeReference<>() { });
            @SuppressWarnings("unchecked")
            Map<String, Object> details = (Map<String, Object>) document.get("details");
            @SuppressWarnings("unchecked")
            Map<String, String> encoded = (Map<String, String>) document.get("files");
            Map<String, byte[]> files = new LinkedHashMap<>();
            encoded.forEach((path, b64) -> files.put(path, Base64.getDecoder().decode(b64)));
            return new Read(details, files);
        } catch (IOException | RuntimeException e) {
            throw new CorruptObjectException(object, "its engine details are malformed: " + e.getMessage(), e);
        }
    }

    /** The bytes of an engine backup's details document, as stored. */
    public static byte[] readDocument(CatalogEntry entry, RepositoryIndex index, BlobReader reader) {
        String object = RepositoryLayout.BACKUPS + entry.id();
        if (entry.details() == null || entry.details().isEmpty()) {
            throw new CorruptObjectException(object, "this " + entry.kind() + " backup has no engine details");
        }
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        for (String hex : entry.details()) {
            BlobId id = BlobId.parse(hex);
            json.writeBytes(reader.read(id, index.find(id).orElseThrow(() -> new CorruptObjectException(object,
                    "its engine details need blob " + id + ", which no index lists"))));
        }
        return json.toByteArray();
    }
}
