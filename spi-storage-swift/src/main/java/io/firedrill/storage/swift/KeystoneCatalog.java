package io.firedrill.storage.swift;

import com.fasterxml.jackson.databind.JsonNode;
import io.firedrill.api.StorageException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Finds the {@code object-store} endpoint in a Keystone v3 token's service catalog. */
final class KeystoneCatalog {
    private KeystoneCatalog() {
    }

    /**
     * @param tokenBody the JSON body of {@code POST /v3/auth/tokens}
     * @param region the region wanted, or {@code null} for the only one there is
     * @param endpointInterface {@code public}, {@code internal} or {@code admin}
     * @param where the auth URL, for messages
     */
    static URI objectStoreEndpoint(JsonNode tokenBody, String region, String endpointInterface, String where) {
        JsonNode catalog = tokenBody.path("token").path("catalog");
        List<String> seen = new ArrayList<>();
        List<URI> matches = new ArrayList<>();
        for (JsonNode service : catalog) {
            if (!"object-store".equals(service.path("type").asText())) {
                continue;
            }
            for (JsonNode endpoint : service.path("endpoints")) {
                String endpointRegion = endpoint.hasNonNull("region_id") ? endpoint.path("region_id").asText()
                        : endpoint.path("region").asText();
                String name = endpoint.path("region").asText(endpointRegion);
                String kind = endpoint.path("interface").asText();
                seen.add(kind + "@" + name);
                if (kind.equals(endpointInterface)
                        && (region == null || region.equals(endpointRegion) || region.equals(name))) {
                    matches.add(URI.create(endpoint.path("url").asText()));
                }
            }
        }
        if (seen.isEmpty()) {
            throw new StorageException("the Keystone token from " + where + " lists no object-store service in its "
                    + "catalog", "check that the project has Swift, and that the user has a role in it", false, null);
        }
        if (matches.isEmpty()) {
            throw new StorageException("no " + endpointInterface + " object-store endpoint"
                    + (region == null ? "" : " in region " + region) + " in the catalog from " + where
                    + "; the catalog has " + seen, "choose an interface and region the catalog lists", false, null);
        }
        if (matches.size() > 1 && region == null) {
            throw new StorageException("the catalog from " + where + " has " + matches.size() + " " + endpointInterface
                    + " object-store endpoints (" + seen + ")", "choose one with the region setting (OS_REGION_NAME)",
                    false, null);
        }
        return matches.get(0);
    }
}
