package io.firedrill.core.prune;

import io.firedrill.core.index.BlobId;
import io.firedrill.core.index.BlobLocation;
import io.firedrill.core.index.PackRef;
import io.firedrill.core.index.RepositoryIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** How much of each pack the remaining backups use. */
final class Usage {
    private final Map<PackRef, Map<BlobId, BlobLocation>> used = new LinkedHashMap<>();
    private final Map<PackRef, long[]> bytes = new HashMap<>();

    private Usage() {
    }

    static Usage of(RepositoryIndex index, Set<BlobId> usedBlobs) {
        Usage usage = new Usage();
        index.packs().forEach(p -> {
            usage.used.put(p, new LinkedHashMap<>());
            usage.bytes.put(p, new long[2]);
        });
        index.blobs().forEach((id, loc) -> {
            long[] b = usage.bytes.get(loc.pack());
            b[1] += loc.length();
            if (usedBlobs.contains(id)) {
                usage.used.get(loc.pack()).put(id, loc);
                b[0] += loc.length();
            }
        });
        return usage;
    }

    /** Packs no remaining backup uses. */
    List<PackRef> unused() {
        List<PackRef> list = new ArrayList<>();
        used.forEach((p, blobs) -> {
            if (blobs.isEmpty()) {
                list.add(p);
            }
        });
        return list;
    }

    /** Packs still used, but with more than {@code share} of their bytes unused. */
    List<PackRef> worthRepacking(double share) {
        List<PackRef> list = new ArrayList<>();
        used.forEach((p, blobs) -> {
            long[] b = bytes.get(p);
            if (!blobs.isEmpty() && b[1] > 0 && (b[1] - b[0]) > share * b[1]) {
                list.add(p);
            }
        });
        return list;
    }

    /** Packs with at least one used blob. */
    List<PackRef> kept() {
        List<PackRef> list = new ArrayList<>();
        used.forEach((p, blobs) -> {
            if (!blobs.isEmpty()) {
                list.add(p);
            }
        });
        return list;
    }

    /** The used blobs of a pack. */
    Map<BlobId, BlobLocation> usedIn(PackRef pack) {
        return used.getOrDefault(pack, Map.of());
    }
}
