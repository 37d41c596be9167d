/** The dump side of logical backups: the shared snapshot, the schema read, key-range planning, row streaming. */
package io.firedrill.mysql.logical.dump;
