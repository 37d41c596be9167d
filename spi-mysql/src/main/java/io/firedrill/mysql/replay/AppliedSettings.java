package io.firedrill.mysql.replay;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The global settings a replay changes, with their previous values so they can be put back: the applier's worker
 * count (and on MySQL, commit order preservation), {@code server_id} when it equals the id of a server that wrote
 * the binlogs (the applier would skip those events as its own), and the flushing of redo log and binlog when
 * durability is relaxed.
 */
final class AppliedSettings {
    private final Map<String, String> previous = new LinkedHashMap<>();

    private AppliedSettings() {
    }

    static AppliedSettings apply(ApplierConnection c, Set<Long> eventServerIds, ReplayOptions options) {
        int workers = options.parallelWorkers();
        AppliedSettings settings = new AppliedSettings();
        ApplierDialect dialect = c.dialect();
        long serverId = Long.parseLong(c.variable("server_id").orElse("0"));
        if (eventServerIds.contains(serverId)) {
            long other = 1;
            while (eventServerIds.contains(other) || other == serverId) {
                other++;
            }
            settings.set(c, "server_id", Long.toString(other));
        }
        settings.set(c, dialect.parallelVariable, Integer.toString(effectiveWorkers(dialect, workers)));
        if (dialect == ApplierDialect.MYSQL && workers > 0) {
            settings.set(c, "replica_preserve_commit_order", "ON");
        }
        if (options.relaxedDurability()) {
            settings.set(c, "innodb_flush_log_at_trx_commit", "2");
            settings.set(c, "sync_binlog", "0");
        }
        return settings;
    }

    /**
     * The worker threads the applier gets. MariaDB 10.11's parallel applier crashes the server (in
     * {@code Log_event::do_update_pos}) on binlog files installed as relay logs, so MariaDB replays single-threaded.
     */
    static int effectiveWorkers(ApplierDialect dialect, int requested) {
        return dialect == ApplierDialect.MARIADB ? 0 : requested;
    }

    private void set(ApplierConnection c, String name, String value) {
        String old = c.variable(name).orElseThrow(() -> new IllegalStateException("the server has no variable " + name));
        previous.put(name, old);
        c.execute("SET GLOBAL " + name + " = " + literal(value), "setting " + name + " for the replay");
    }

    void restore(ApplierConnection c) {
        previous.forEach((name, value) -> c.execute("SET GLOBAL " + name + " = " + literal(value),
                "restoring " + name + " after the replay"));
    }

    private static String literal(String value) {
        return value.matches("[0-9]+") ? value : "'" + value.replace("'", "''") + "'";
    }
}
