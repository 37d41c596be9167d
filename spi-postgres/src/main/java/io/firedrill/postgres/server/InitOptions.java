package io.firedrill.postgres.server;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How {@link PostgresProcess#initialize} creates a cluster. Immutable: each {@code with...} returns a copy.
 *
 * <p>Always: encoding UTF8, locale C, trust authentication, superuser {@code postgres}. By default: data
 * checksums on, and the server user from {@link OsUser#forServer()}. {@link #withSetting settings} are written to
 * {@code postgresql.conf} after Firedrill's own (listen address, WAL level, senders, slots, fsync), so they win.
 */
public final class InitOptions {
    private static final Pattern SETTING_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");
    private static final InitOptions DEFAULTS = new InitOptions(Map.of(), true, null);

    private final Map<String, String> settings;
    private final boolean dataChecksums;
    private final OsUser osUser;

    private InitOptions(Map<String, String> settings, boolean dataChecksums, OsUser osUser) {
        this.settings = settings;
        this.dataChecksums = dataChecksums;
        this.osUser = osUser;
    }

    /** Checksums on, no extra settings, the default server user. */
    public static InitOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Adds (or replaces) one {@code postgresql.conf} setting, such as {@code archive_mode} / {@code on}. The value
     * is written quoted, which PostgreSQL accepts for every type.
     */
    public InitOptions withSetting(String name, String value) {
        Objects.requireNonNull(value, "value");
        if (name == null || !SETTING_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a PostgreSQL setting name: " + name);
        }
        Map<String, String> copy = new LinkedHashMap<>(settings);
        copy.put(name, value);
        return new InitOptions(Collections.unmodifiableMap(copy), dataChecksums, osUser);
    }

    /** Adds (or replaces) several settings, in the map's iteration order. */
    public InitOptions withSettings(Map<String, String> more) {
        InitOptions result = this;
        for (Map.Entry<String, String> e : more.entrySet()) {
            result = result.withSetting(e.getKey(), e.getValue());
        }
        return result;
    }

    /** Whether initdb enables data checksums (default {@code true}). */
    public InitOptions withDataChecksums(boolean enabled) {
        return new InitOptions(settings, enabled, osUser);
    }

    /** The OS user that owns the cluster and runs the server (default {@link OsUser#forServer()}). */
    public InitOptions withOsUser(OsUser user) {
        return new InitOptions(settings, dataChecksums, Objects.requireNonNull(user, "user"));
    }

    /** The extra settings, in the order given. */
    public Map<String, String> settings() {
        return settings;
    }

    /** Whether data checksums are enabled. */
    public boolean dataChecksums() {
        return dataChecksums;
    }

    /** The server user, when one was chosen. */
    public Optional<OsUser> osUser() {
        return Optional.ofNullable(osUser);
    }
}
