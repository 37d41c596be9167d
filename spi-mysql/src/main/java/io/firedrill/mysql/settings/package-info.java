/**
 * The MySQL/MariaDB engine's settings: per-operation engine options from the public API
 * ({@code option(name, value)}), falling back to JVM-wide system properties.
 */
package io.firedrill.mysql.settings;
