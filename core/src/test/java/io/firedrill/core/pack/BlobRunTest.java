package io.firedrill.core.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.core.index.BlobId;
import io.firedrill.core.index.BlobLocation;
import io.firedrill.core.index.BlobType;
import io.firedrill.core.index.PackRef;
import org.junit.jupiter.api.Test;

class BlobRunTest {
    private static final PackRef A = new PackRef("aa00", new byte[0]);
    private static final PackRef B = new PackRef("bb00", new byte[0]);
    private static final BlobId ID = BlobId.of(new byte[BlobId.LENGTH]);

    private static BlobLocation at(PackRef pack, long offset, int length, int rawLength) {
        return new BlobLocation(pack, BlobType.DATA, offset, length, rawLength);
    }

    @Test
    void blobsRightBehindEachOtherInOnePackJoin() {
        BlobRun<String> run = new BlobRun<>(100);
        assertTrue(run.isEmpty());
        run.add(ID, at(A, 10, 30, 28), "first");
        run.add(ID, at(A, 40, 30, 28), "second");
        assertEquals(10, run.offset());
        assertEquals(60, run.sealedBytes());
        assertEquals(56, run.rawBytes());
        assertEquals("data/aa/aa00", run.objectName());
        assertEquals("second", run.members().get(1).target());
    }

    @Test
    void aGapAnOverlapOrAnotherPackEndsTheRun() {
        BlobRun<String> run = new BlobRun<>(1000);
        run.add(ID, at(A, 10, 30, 30), "first");
        assertFalse(run.accepts(at(A, 41, 30, 30)), "a gap");
        assertFalse(run.accepts(at(A, 10, 30, 30)), "the same blob again");
        assertFalse(run.accepts(at(A, 0, 10, 10)), "a blob before it");
        assertFalse(run.accepts(at(B, 40, 30, 30)), "another pack");
        assertThrows(IllegalArgumentException.class, () -> run.add(ID, at(B, 40, 30, 30), "x"));
    }

    @Test
    void theBoundLimitsPlaintextAndSealedBytesButNotASingleBlob() {
        BlobRun<String> run = new BlobRun<>(64);
        run.add(ID, at(A, 0, 200, 300), "larger than the bound");
        assertFalse(run.accepts(at(A, 200, 1, 1)));

        BlobRun<String> plain = new BlobRun<>(64);
        plain.add(ID, at(A, 0, 10, 32), "a");
        assertTrue(plain.accepts(at(A, 10, 10, 32)));
        assertFalse(plain.accepts(at(A, 10, 10, 33)), "65 plaintext bytes");

        BlobRun<String> sealed = new BlobRun<>(64);
        sealed.add(ID, at(A, 0, 40, 1), "a");
        assertTrue(sealed.accepts(at(A, 40, 25, 1)), "65 sealed bytes are within the 1/64 slack");
        assertFalse(sealed.accepts(at(A, 40, 26, 1)), "66 sealed bytes");
    }

    @Test
    void aRunHoldsAtLeastOneByte() {
        assertThrows(IllegalArgumentException.class, () -> new BlobRun<String>(0));
    }
}
