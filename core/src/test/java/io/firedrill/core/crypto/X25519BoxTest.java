package io.firedrill.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.firedrill.api.Identity;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class X25519BoxTest {
    private static final byte[] CONTEXT = "test context".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SECRET = "a 32-byte secret, more or less!!".getBytes(StandardCharsets.UTF_8);
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void roundTripsWithAnIdentity() throws IntegrityException {
        Identity identity = Identity.generate();
        byte[] box = X25519Box.seal(identity.recipient().publicKey(), SECRET, CONTEXT);
        assertEquals(32 + SECRET.length + 29, box.length);
        assertArrayEquals(SECRET, X25519Box.open(identity.privateKey(), box, CONTEXT));
    }

    @Test
    void eachBoxUsesAFreshEphemeralKey() {
        Identity identity = Identity.generate();
        byte[] a = X25519Box.seal(identity.recipient().publicKey(), SECRET, CONTEXT);
        byte[] b = X25519Box.seal(identity.recipient().publicKey(), SECRET, CONTEXT);
        assertFalse(Arrays.equals(Arrays.copyOf(a, 32), Arrays.copyOf(b, 32)));
    }

    @Test
    void wrongIdentityFails() {
        byte[] box = X25519Box.seal(Identity.generate().recipient().publicKey(), SECRET, CONTEXT);
        assertThrows(IntegrityException.class, () -> X25519Box.open(Identity.generate().privateKey(), box, CONTEXT));
    }

    @Test
    void wrongContextFails() {
        Identity identity = Identity.generate();
        byte[] box = X25519Box.seal(identity.recipient().publicKey(), SECRET, CONTEXT);
        assertThrows(IntegrityException.class, () -> X25519Box.open(identity.privateKey(), box, new byte[] {1}));
    }

    @Test
    void tamperingAnywhereFails() {
        Identity identity = Identity.generate();
        byte[] box = X25519Box.seal(identity.recipient().publicKey(), SECRET, CONTEXT);
        for (int i = 0; i < box.length; i++) {
            byte[] damaged = box.clone();
            damaged[i] ^= (i == 31 ? 0x01 : 0x80); // bit 255 of the ephemeral key is ignored by X25519
            assertThrows(IntegrityException.class, () -> X25519Box.open(identity.privateKey(), damaged, CONTEXT),
                    "byte " + i);
        }
        assertThrows(IntegrityException.class, () -> X25519Box.open(identity.privateKey(), new byte[40], CONTEXT));
    }

    @Test
    void rawKeyConventionsMatchRfc7748() throws Exception {
        // RFC 7748 section 6.1
        byte[] alicePrivate = HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        byte[] alicePublic = HEX.parseHex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
        byte[] bobPublic = HEX.parseHex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
        byte[] shared = HEX.parseHex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
        assertArrayEquals(alicePublic, X25519Keys.publicKeyOf(alicePrivate));
        assertArrayEquals(alicePublic, X25519Keys.rawPublic(X25519Keys.toPublic(alicePublic)));
        assertArrayEquals(shared, X25519Keys.agree(X25519Keys.toPrivate(alicePrivate), X25519Keys.toPublic(bobPublic)));
    }

    @Test
    void jdkKeyPairsMatchIdentityDerivation() {
        for (int i = 0; i < 20; i++) {
            KeyPair pair = X25519Keys.generate();
            byte[] raw = X25519Keys.rawPrivate(pair.getPrivate());
            Identity identity = Identity.parse("FIREDRILL-IDENTITY-X25519:" + java.util.Base64.getEncoder().encodeToString(raw));
            assertArrayEquals(identity.recipient().publicKey(), X25519Keys.rawPublic(pair.getPublic()));
            assertArrayEquals(identity.recipient().publicKey(), MasterKeys.publicKeyOf(raw));
        }
    }

    @Test
    void rejectsLowOrderRecipientKeys() {
        assertThrows(IllegalArgumentException.class, () -> X25519Box.seal(new byte[32], SECRET, CONTEXT));
    }
}
