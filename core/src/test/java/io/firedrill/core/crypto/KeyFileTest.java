package io.firedrill.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firedrill.api.CorruptObjectException;
import io.firedrill.api.Identity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyFileTest {
    static final Argon2idKdf TINY = new Argon2idKdf(64, 1, 1);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MasterKeys keys = MasterKeys.generate();

    @Test
    void passphraseRoundTrip() {
        KeyFile file = KeyFile.parse(KeyFile.forPassphrase(keys, "s3cret pass".toCharArray(), TINY).toBytes());
        assertEquals(KeyFile.FULL, file.kind());
        assertEquals(KeyFile.PASSPHRASE, file.wrap());
        assertEquals(Optional.of(TINY), file.kdf());
        assertEquals(Optional.of(keys), file.unlock("s3cret pass".toCharArray()));
    }

    @Test
    void wrongPassphraseGivesEmpty() {
        KeyFile file = KeyFile.forPassphrase(keys, "right".toCharArray(), TINY);
        assertEquals(Optional.empty(), file.unlock("wrong".toCharArray()));
        assertEquals(Optional.empty(), file.unlock(Identity.generate()));
    }

    @Test
    void recipientRoundTrip() {
        Identity identity = Identity.generate();
        KeyFile file = KeyFile.parse(KeyFile.forRecipient(keys, identity.recipient()).toBytes());
        assertEquals(KeyFile.X25519, file.wrap());
        assertEquals(Optional.of(identity.recipient()), file.recipient());
        assertEquals(Optional.of(keys), file.unlock(identity));
        assertEquals(Optional.empty(), file.unlock(Identity.generate()));
        assertEquals(Optional.empty(), file.unlock("anything".toCharArray()));
    }

    @Test
    void writeOnlyKeyFileYieldsWriteOnlyKeys() {
        KeyFile file = KeyFile.parse(KeyFile.forPassphrase(keys.writeOnly(), "w".toCharArray(), TINY).toBytes());
        assertEquals(KeyFile.WRITE_ONLY, file.kind());
        MasterKeys opened = file.unlock("w".toCharArray()).orElseThrow();
        assertFalse(opened.canRead());
        assertArrayEquals(keys.dataPublicKey(), opened.dataPublicKey());
        assertArrayEquals(keys.idKey(), opened.idKey());
    }

    @Test
    void documentHasTheDocumentedFields() throws Exception {
        KeyFile file = KeyFile.forPassphrase(keys, "pw".toCharArray(), TINY);
        JsonNode root = JSON.readTree(file.toBytes());
        assertEquals(1, root.get("version").intValue());
        assertEquals("full", root.get("kind").textValue());
        assertEquals("passphrase", root.get("wrap").textValue());
        JsonNode kdf = root.get("kdf");
        assertEquals("argon2id", kdf.get("algorithm").textValue());
        assertEquals(64, kdf.get("memoryKiB").intValue());
        assertEquals(1, kdf.get("iterations").intValue());
        assertEquals(1, kdf.get("parallelism").intValue());
        assertEquals(16, Base64.getDecoder().decode(kdf.get("salt").textValue()).length);
        Instant.parse(root.get("created").textValue());
        Base64.getDecoder().decode(root.get("sealed").textValue());
        assertFalse(root.has("recipient"));
        assertArrayEquals(file.toBytes(), KeyFile.parse(file.toBytes()).toBytes());

        Identity identity = Identity.generate();
        JsonNode other = JSON.readTree(KeyFile.forRecipient(keys.writeOnly(), identity.recipient()).toBytes());
        assertEquals("x25519", other.get("wrap").textValue());
        assertEquals("write-only", other.get("kind").textValue());
        assertEquals(identity.recipient().toString(), other.get("recipient").textValue());
        assertFalse(other.has("kdf"));
    }

    @Test
    void tamperedSealedBytesDoNotOpen() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(KeyFile.forPassphrase(keys, "pw".toCharArray(), TINY).toBytes());
        byte[] sealed = Base64.getDecoder().decode(root.get("sealed").textValue());
        sealed[sealed.length / 2] ^= 1;
        root.put("sealed", Base64.getEncoder().encodeToString(sealed));
        assertEquals(Optional.empty(), KeyFile.parse(JSON.writeValueAsBytes(root)).unlock("pw".toCharArray()));
    }

    @Test
    void kindThatContradictsTheSecretsIsCorrupt() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(KeyFile.forPassphrase(keys, "pw".toCharArray(), TINY).toBytes());
        root.put("kind", "write-only");
        KeyFile file = KeyFile.parse("keys/k1", JSON.writeValueAsBytes(root));
        CorruptObjectException e = assertThrows(CorruptObjectException.class, () -> file.unlock("pw".toCharArray()));
        assertEquals("keys/k1", e.objectName());
    }

    @Test
    void malformedDocumentsAreCorruptKeyFiles() throws Exception {
        byte[] good = KeyFile.forPassphrase(keys, "pw".toCharArray(), TINY).toBytes();
        assertCorrupt("not json".getBytes(StandardCharsets.UTF_8));
        assertCorrupt("[1,2]".getBytes(StandardCharsets.UTF_8));
        assertCorrupt(new byte[0]);
        assertCorrupt(edit(good, r -> r.put("version", 2)));
        assertCorrupt(edit(good, r -> r.remove("version")));
        assertCorrupt(edit(good, r -> r.put("kind", "partial")));
        assertCorrupt(edit(good, r -> r.put("wrap", "rot13")));
        assertCorrupt(edit(good, r -> r.put("created", "yesterday")));
        assertCorrupt(edit(good, r -> r.put("sealed", "***")));
        assertCorrupt(edit(good, r -> r.remove("kdf")));
        assertCorrupt(edit(good, r -> ((ObjectNode) r.get("kdf")).put("algorithm", "scrypt")));
        assertCorrupt(edit(good, r -> ((ObjectNode) r.get("kdf")).put("parallelism", 0)));
        assertCorrupt(edit(good, r -> ((ObjectNode) r.get("kdf")).put("memoryKiB", "lots")));
        assertCorrupt(edit(good, r -> ((ObjectNode) r.get("kdf")).put("salt", "AAAA")));
        byte[] recipientFile = KeyFile.forRecipient(keys, Identity.generate().recipient()).toBytes();
        assertCorrupt(edit(recipientFile, r -> r.put("recipient", "someone")));
        assertCorrupt(edit(recipientFile, r -> r.remove("recipient")));
    }

    @Test
    void toStringShowsNoSealedBytes() throws Exception {
        KeyFile file = KeyFile.forPassphrase(keys, "pw".toCharArray(), TINY);
        String sealed = JSON.readTree(file.toBytes()).get("sealed").textValue();
        assertFalse(file.toString().contains(sealed));
        assertTrue(file.toString().startsWith("KeyFile[full, passphrase"), file.toString());
    }

    private static void assertCorrupt(byte[] bytes) {
        CorruptObjectException e = assertThrows(CorruptObjectException.class, () -> KeyFile.parse(bytes));
        assertTrue(e.getMessage().contains("key file"), e.getMessage());
    }

    private static byte[] edit(byte[] document, java.util.function.Consumer<ObjectNode> change) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(document);
        change.accept(root);
        return JSON.writeValueAsBytes(root);
    }
}
