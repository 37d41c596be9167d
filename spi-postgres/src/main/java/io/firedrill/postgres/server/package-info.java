/**
 * Local PostgreSQL server processes: a set of binaries ({@link io.firedrill.postgres.server.PostgresInstallation}),
 * and a cluster run from them as a child process ({@link io.firedrill.postgres.server.PostgresProcess}). Restore
 * drills start a recovered server with these classes, and every PostgreSQL integration test runs against one.
 *
 * <p>PostgreSQL refuses to run as root. When the JVM is root, every PostgreSQL program runs through
 * {@code runuser} as an unprivileged OS user ({@link io.firedrill.postgres.server.OsUser}), which owns the data
 * directory.
 */
package io.firedrill.postgres.server;
