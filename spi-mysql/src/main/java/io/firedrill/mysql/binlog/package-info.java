/**
 * The binary log file format: the v4 event header, event types, CRC32 checksums, a reader that walks a whole
 * binlog file (stopping cleanly at a truncated tail), GTID decoding for MySQL and MariaDB, GTID sets of both flavours
 * ({@link io.firedrill.mysql.binlog.GtidSet}), binlog file names ({@link io.firedrill.mysql.binlog.BinlogNames}), and
 * a per-file index of transaction positions, timestamps and GTIDs that lets a recovery target be resolved without
 * reading every file. Both the streamer and replay build on this package.
 */
package io.firedrill.mysql.binlog;
