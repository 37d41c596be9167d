package io.firedrill.mysql.binlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Binlog file names: base names, sequence numbers, neighbouring files, and ordinals across files. */
class BinlogNamesTest {
    @Test
    void nextKeepsTheWidthAndBaseName() {
        assertEquals("binlog.000002", BinlogNames.next("binlog.000001"));
        assertEquals("mysql-bin.001000", BinlogNames.next("mysql-bin.000999"));
        assertEquals("b.1000000", BinlogNames.next("b.999999"));
        assertEquals(42, BinlogNames.sequence("binlog.000042"));
        assertEquals("my.bin", BinlogNames.base("my.bin.000042"));
    }

    @Test
    void previousAndSiblingsKeepTheWidth() {
        assertEquals("binlog.000009", BinlogNames.previous("binlog.000010"));
        assertEquals("binlog.000045", BinlogNames.sibling("binlog.000042", 3));
        assertEquals("b.099", BinlogNames.previous("b.100"), "the width stays");
    }

    @Test
    void refusesWhatIsNotABinlogName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BinlogNames.sequence("binlog"));
        assertTrue(e.getMessage().contains("'binlog'") && e.getMessage().contains("binlog.000042"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BinlogNames.requireBinlog("binlog.000042.partial"));
        assertThrows(IllegalArgumentException.class, () -> BinlogNames.requireBinlog(null));
        assertEquals("binlog.000042", BinlogNames.requireBinlog("binlog.000042"));
        assertFalse(BinlogNames.isBinlog(null));
    }

    @Test
    void tellsBinlogsFromPartialAndIndexFiles() {
        assertTrue(BinlogNames.isBinlog("binlog.000042"));
        assertFalse(BinlogNames.isBinlog("binlog.000042.partial"));
        assertFalse(BinlogNames.isBinlog("binlog.000042.index"));
    }

    @Test
    void ordinalsOrderByFileThenOffset() {
        assertTrue(BinlogNames.ordinal("binlog.000002", 4) > BinlogNames.ordinal("binlog.000001", 1L << 31));
        assertTrue(BinlogNames.ordinal("binlog.000002", 500) > BinlogNames.ordinal("binlog.000002", 499));
    }
}
