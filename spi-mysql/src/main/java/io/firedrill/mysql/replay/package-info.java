/**
 * Point-in-time recovery for MySQL and MariaDB by replaying archived binlog files: {@link
 * io.firedrill.mysql.replay.BinlogWindow} checks that the files from a backup's coordinates onwards form an unbroken
 * sequence, {@link io.firedrill.mysql.replay.TargetResolver} turns a {@link io.firedrill.api.RecoveryTarget} into the
 * exact position of the first transaction not to apply, and {@link io.firedrill.mysql.replay.BinlogReplay} installs the
 * files as relay logs of a restored server and lets the server's own replication applier (parallel where safe) run
 * until that position.
 */
package io.firedrill.mysql.replay;
