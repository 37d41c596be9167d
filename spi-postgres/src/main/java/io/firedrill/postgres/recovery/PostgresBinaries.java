package io.firedrill.postgres.recovery;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import io.firedrill.postgres.server.PostgresInstallation;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds server binaries of the major version a backup was taken with: the system property
 * {@code firedrill.postgres.<major>.bin} (a bin directory), then Debian's {@code /usr/lib/postgresql/<major>/bin},
 * then the binaries from Maven Central when they are on the class path and of that major.
 */
final class PostgresBinaries {
    private PostgresBinaries() {
    }

    static PostgresInstallation forMajor(int major) {
        String configured = System.getProperty("firedrill.postgres." + major + ".bin");
        if (configured != null) {
            return PostgresInstallation.at(Path.of(configured));
        }
        if (Files.isExecutable(Path.of("/usr/lib/postgresql/" + major + "/bin/postgres"))) {
            return PostgresInstallation.debian(major);
        }
        try {
            PostgresInstallation embedded = PostgresInstallation.fromMavenCentral();
            if (embedded.majorVersion() == major) {
                return embedded;
            }
        } catch (RuntimeException notAvailable) {
            // fall through to the error that says what to install
        }
        throw new FiredrillException(ErrorCode.ENGINE_FAILURE, "no PostgreSQL " + major
                + " server binaries were found to recover this backup with",
                "install Debian's postgresql-" + major + ", or set -Dfiredrill.postgres." + major
                        + ".bin=/path/to/bin");
    }
}
