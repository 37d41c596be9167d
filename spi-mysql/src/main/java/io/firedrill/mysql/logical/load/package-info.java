/**
 * Restoring logical backups: {@link io.firedrill.mysql.logical.load.MysqlLogicalRecovery} creates or connects to
 * the server, loads schema and data in parallel, and runs the drill checks.
 */
package io.firedrill.mysql.logical.load;
