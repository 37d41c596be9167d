/** Granular recovery: {@link io.firedrill.mysql.export.MysqlExport} writes one table or one schema to files. */
package io.firedrill.mysql.export;
