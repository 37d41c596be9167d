/**
 * The binary log file format: the v4 event header, event types, CRC32 checksums, a reader that walks a whole
 * binlog file (stopping cleanly at a truncated tail), GTID decoding for MySQL and MariaDB, and a per-file index of
 * transaction positions, timestamps and GTIDs that lets a recovery target be resolved without reading every file.
 */
package io.firedrill.mysql.binlog;
