package io.firedrill.mysql.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Binlog file names: sequence numbers, the next file, and ordinals across files. */
class BinlogNamesTest {
    @Test
    void nextKeepsTheWidthAndBaseName() {
        assertEquals("binlog.000002", BinlogNames.next("binlog.000001"));
        assertEquals("mysql-bin.001000", BinlogNames.next("mysql-bin.000999"));
        assertEquals("b.1000000", BinlogNames.next("b.999999"));
        assertEquals(42, BinlogNames.sequence("binlog.000042"));
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
