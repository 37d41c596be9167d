package io.firedrill.storage.swift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firedrill.api.StorageException;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Choosing the object-store endpoint from a Keystone v3 catalog (the JSON shape Keystone returns). */
class KeystoneCatalogTest {
    private static final String TOKEN = """
            {"token": {"catalog": [
              {"type": "identity", "name": "keystone", "endpoints": [
                {"interface": "public", "region": "RegionOne", "region_id": "RegionOne", "url": "https://k/v3"}]},
              {"type": "object-store", "name": "swift", "endpoints": [
                {"interface": "public", "region": "RegionOne", "region_id": "RegionOne",
                 "url": "https://swift1.example.com/v1/AUTH_p"},
                {"interface": "internal", "region": "RegionOne", "region_id": "RegionOne",
                 "url": "http://10.0.0.1:8080/v1/AUTH_p"},
                {"interface": "public", "region": "RegionTwo", "region_id": "RegionTwo",
                 "url": "https://swift2.example.com/v1/AUTH_p"}]}]}}
            """;

    @Test
    void picksTheEndpointOfTheRegionAndInterface() throws Exception {
        JsonNode token = new ObjectMapper().readTree(TOKEN);

        assertEquals(URI.create("https://swift2.example.com/v1/AUTH_p"),
                KeystoneCatalog.objectStoreEndpoint(token, "RegionTwo", "public", "k"));
        assertEquals(URI.create("http://10.0.0.1:8080/v1/AUTH_p"),
                KeystoneCatalog.objectStoreEndpoint(token, null, "internal", "k"));
    }

    @Test
    void severalCandidatesWithoutARegionAskForOne() throws Exception {
        JsonNode token = new ObjectMapper().readTree(TOKEN);

        StorageException e = assertThrows(StorageException.class,
                () -> KeystoneCatalog.objectStoreEndpoint(token, null, "public", "k"));

        assertTrue(e.hint().contains("OS_REGION_NAME"), e.hint());
    }

    @Test
    void unknownRegionListsWhatTheCatalogHas() throws Exception {
        JsonNode token = new ObjectMapper().readTree(TOKEN);

        StorageException e = assertThrows(StorageException.class,
                () -> KeystoneCatalog.objectStoreEndpoint(token, "Mars", "public", "k"));

        assertTrue(e.getMessage().contains("public@RegionTwo"), e.getMessage());
    }

    @Test
    void catalogWithoutSwiftSaysSo() throws Exception {
        JsonNode token = new ObjectMapper().readTree("{\"token\": {\"catalog\": []}}");

        StorageException e = assertThrows(StorageException.class,
                () -> KeystoneCatalog.objectStoreEndpoint(token, null, "public", "k"));

        assertTrue(e.getMessage().contains("no object-store service"), e.getMessage());
    }
}
