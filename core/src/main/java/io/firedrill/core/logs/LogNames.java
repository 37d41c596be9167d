package io.firedrill.core.logs;

import io.firedrill.api.InvalidConfigurationException;
import io.firedrill.core.repository.RepositoryLayout;
import java.util.regex.Pattern;

/** Validates stream and file names and maps them to object names. */
final class LogNames {
    private static final Pattern STREAM = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");

    private LogNames() {
    }

    static String objectName(String stream, String name) {
        return prefix(stream) + checkedName(name);
    }

    static String prefix(String stream) {
        if (stream == null || !STREAM.matcher(stream).matches()) {
            throw new InvalidConfigurationException("log stream '" + stream + "' is not a valid stream name",
                    "use lower-case letters, digits, '.', '_' and '-', such as postgres-7301234567890123456");
        }
        return RepositoryLayout.LOGS + stream + "/";
    }

    static String checkedName(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.contains("..")) {
            throw new InvalidConfigurationException("log file name '" + name + "' is not valid",
                    "use letters, digits, '.', '_' and '-', such as 000000010000000000000003");
        }
        return name;
    }

    static boolean isPartial(String name) {
        return name.endsWith(".partial");
    }
}
