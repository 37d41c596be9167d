/**
 * The MySQL family engine plugin: {@link io.firedrill.mysql.engine.MysqlEngineProvider} (id {@code mysql}, claims
 * {@code jdbc:mysql:} and {@code jdbc:mariadb:} URLs), connections, error mapping, and the binary log stream name.
 */
package io.firedrill.mysql.engine;
