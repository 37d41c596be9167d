package io.firedrill.postgres.recovery;

import io.firedrill.api.RecoveryTarget;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** The server settings that make a restored data directory recover to a target. */
final class RecoverySettings {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx")
            .withZone(ZoneOffset.UTC);

    private RecoverySettings() {
    }

    static Map<String, String> of(RecoveryTarget target, String restoreCommand, long timeline) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("restore_command", restoreCommand);
        settings.put("archive_mode", "off");
        settings.put("hot_standby", "on");
        settings.put("recovery_target_timeline", target.timeline().equals("current") ? "current"
                : target.timeline().equals("latest") ? "latest" : Long.toString(timeline));
        switch (target.kind()) {
            case IMMEDIATE -> settings.put("recovery_target", "immediate");
            case TIME -> settings.put("recovery_target_time", TIME.format(java.time.Instant.parse(target.value())));
            case LSN -> settings.put("recovery_target_lsn", target.value());
            case XID -> settings.put("recovery_target_xid", target.value());
            case RESTORE_POINT -> settings.put("recovery_target_name", target.value());
            case LATEST -> { }
            default -> throw new IllegalStateException(target.kind() + " targets are resolved before recovery");
        }
        if (target.kind() != RecoveryTarget.Kind.LATEST && target.kind() != RecoveryTarget.Kind.IMMEDIATE) {
            settings.put("recovery_target_inclusive", target.inclusive() ? "on" : "off");
        }
        if (target.kind() != RecoveryTarget.Kind.LATEST) {
            settings.put("recovery_target_action", switch (target.endAction()) {
                case PROMOTE -> "promote";
                case PAUSE -> "pause";
                case SHUTDOWN -> "shutdown";
            });
        }
        return settings;
    }

    /** The lines appended to {@code postgresql.auto.conf}; later lines win over earlier ones. */
    static String render(Map<String, String> settings) {
        StringBuilder b = new StringBuilder("\n# Added by Firedrill for point-in-time recovery\n");
        settings.forEach((k, v) -> b.append(k).append(" = '").append(v.replace("'", "''")).append("'\n"));
        return b.toString();
    }
}
