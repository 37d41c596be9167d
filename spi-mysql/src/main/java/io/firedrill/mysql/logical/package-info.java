/**
 * Logical backups of MySQL and MariaDB: {@code dump} reads a consistent snapshot in parallel, {@code format} is the
 * stored layout (docs/mysql.md, "Logical backup format"), {@code load} restores it into a new or an existing server.
 */
package io.firedrill.mysql.logical;
