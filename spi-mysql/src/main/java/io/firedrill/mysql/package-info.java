/**
 * The MySQL and MariaDB engine: {@code engine} (the provider), {@code logical} (consistent parallel logical backups
 * and restores), {@code export} (granular exports), {@code server} (local server processes) and {@code binlog}
 * (binary log files).
 */
package io.firedrill.mysql;
