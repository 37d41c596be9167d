/**
 * Reserved for MariaDB-only backup methods built on {@code spi-mysql}: physical backups with mariabackup are the
 * planned first. MariaDB itself (logical backups, binlog streaming with MariaDB GTIDs, point-in-time recovery,
 * drills) is served by the MySQL-family engine in {@code spi-mysql}, which tells MariaDB from MySQL by the server's
 * version; this module registers no provider yet.
 */
package io.firedrill.mariadb;
