package io.firedrill.core.verify;

import io.firedrill.api.BackupId;
import io.firedrill.api.VerifyReport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Collects problems by object, merging the backups each one affects. Thread-safe. */
final class ProblemLog {
    private final Map<String, Entry> problems = new LinkedHashMap<>();

    private static final class Entry {
        final VerifyReport.Kind kind;
        final String detail;
        final Set<BackupId> affected = new HashSet<>();

        Entry(VerifyReport.Kind kind, String detail) {
            this.kind = kind;
            this.detail = detail;
        }
    }

    synchronized void report(String object, VerifyReport.Kind kind, String detail, Set<BackupId> affected) {
        problems.computeIfAbsent(object, o -> new Entry(kind, detail)).affected.addAll(affected);
    }

    synchronized void affect(String object, Set<BackupId> affected) {
        Entry e = problems.get(object);
        if (e != null) {
            e.affected.addAll(affected);
        }
    }

    synchronized List<VerifyReport.Problem> problems() {
        List<VerifyReport.Problem> list = new ArrayList<>();
        problems.forEach((object, e) -> list.add(new VerifyReport.Problem(object, e.kind, e.detail, e.affected)));
        return list;
    }
}
