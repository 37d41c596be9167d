package io.firedrill.postgres.backup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a physical backup leaves out of a data directory, following PostgreSQL's documented exclusions: WAL
 * (archived separately), runtime state rebuilt at startup, temporary files, files that would break recovery
 * ({@code postmaster.pid}, {@code backup_label}), tablespace links (tablespaces are copied as trees of their own)
 * and the main forks of unlogged relations (only their {@code _init} fork is kept).
 */
public final class DataDirectoryExclusions implements Predicate<String> {
    /** Directories whose contents are left out; the (empty) directories are kept. */
    static final Set<String> EMPTIED = Set.of("pg_wal", "pg_replslot", "pg_stat_tmp", "pg_dynshmem", "pg_notify",
            "pg_serial", "pg_snapshots", "pg_subtrans", "pg_tblspc");
    private static final Set<String> FILES = Set.of("postmaster.pid", "postmaster.opts", "backup_label",
            "backup_label.old", "tablespace_map", "tablespace_map.old", "recovery.signal", "standby.signal",
            "recovery.conf", "recovery.done");
    private static final Pattern RELATION = Pattern.compile("([0-9]+)(_fsm|_vm)?(\\.[0-9]+)?");

    private final Path root;

    /** @param root the data directory (or a tablespace's directory) the relative paths are under */
    public DataDirectoryExclusions(Path root) {
        this.root = root;
    }

    @Override
    public boolean test(String relative) {
        int slash = relative.lastIndexOf('/');
        String name = relative.substring(slash + 1);
        String parent = slash < 0 ? "" : relative.substring(0, slash);
        if (EMPTIED.contains(parent) || (slash < 0 && FILES.contains(name))) {
            return true;
        }
        if (name.startsWith("pgsql_tmp") || name.equals("pg_internal.init")) {
            return true;
        }
        return isUnloggedMainFork(parent, name);
    }

    private boolean isUnloggedMainFork(String parent, String name) {
        if (!parent.startsWith("base/") && !parent.contains("PG_")) {
            return false;
        }
        Matcher m = RELATION.matcher(name);
        return m.matches() && Files.exists(root.resolve(parent).resolve(m.group(1) + "_init"));
    }
}
