package io.firedrill.mysql.logical.load;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import io.firedrill.mysql.server.MysqlFlavor;
import io.firedrill.mysql.server.MysqlInstallation;
import io.firedrill.mysql.server.MysqlServerException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the server binaries a logical backup is restored into when a new server is created, in this order:
 * <ol>
 *   <li>an explicit base directory: system property {@code firedrill.mysql.basedir} (environment
 *       {@code FIREDRILL_MYSQL_BASEDIR}) for MySQL backups, {@code firedrill.mariadb.basedir}
 *       ({@code FIREDRILL_MARIADB_BASEDIR}) for MariaDB backups;</li>
 *   <li>for MariaDB, Debian's {@code mariadb-server} package ({@code /usr/sbin/mariadbd});</li>
 *   <li>for MySQL, MySQL 8.0 from the Maven Central jar {@value MysqlInstallation#KILL_BILL_ARTIFACT} when it is
 *       on the class path.</li>
 * </ol>
 * An installation older than the backup's server is used with a warning: a logical backup usually loads into the
 * same or a newer version.
 */
public final class RestoreInstallation {
    private static final Logger LOG = LoggerFactory.getLogger(RestoreInstallation.class);

    private RestoreInstallation() {
    }

    /**
     * The installation for a backup of {@code flavor} (recorded as {@code mysql} or {@code mariadb}).
     *
     * @throws FiredrillException naming every option when none fits
     */
    public static MysqlInstallation forBackup(String flavor, String version) {
        MysqlFlavor wanted = flavor.equals("mariadb") ? MysqlFlavor.MARIADB : MysqlFlavor.MYSQL;
        String property = wanted == MysqlFlavor.MYSQL ? "firedrill.mysql.basedir" : "firedrill.mariadb.basedir";
        String variable = wanted == MysqlFlavor.MYSQL ? "FIREDRILL_MYSQL_BASEDIR" : "FIREDRILL_MARIADB_BASEDIR";
        String explicit = System.getProperty(property, System.getenv(variable));
        if (explicit != null && !explicit.isBlank()) {
            return checked(MysqlInstallation.at(Path.of(explicit), wanted), version);
        }
        List<String> tried = new ArrayList<>();
        try {
            return checked(wanted == MysqlFlavor.MARIADB ? MysqlInstallation.debianMariadb()
                    : MysqlInstallation.mysqlFromMavenCentral(), version);
        } catch (MysqlServerException e) {
            tried.add(e.getMessage());
        }
        throw new FiredrillException(ErrorCode.INVALID_CONFIGURATION, "no " + wanted + " server binaries to restore "
                + "a " + flavor + " " + version + " backup into a new server (" + String.join("; ", tried) + ")",
                "set -D" + property + "=<base directory> (or " + variable + "), "
                        + (wanted == MysqlFlavor.MARIADB ? "install Debian's mariadb-server"
                        : "add " + MysqlInstallation.KILL_BILL_ARTIFACT + " to the class path")
                        + ", or restore into an existing server with intoServer(url)");
    }

    private static MysqlInstallation checked(MysqlInstallation installation, String version) {
        String[] parts = version.split("[.-]");
        int backup = Integer.parseInt(parts[0]) * 100 + Integer.parseInt(parts[1]);
        if (installation.majorMinor() < backup) {
            LOG.warn("restoring a {} backup into the older {}: statements the older server does not know will fail",
                    version, installation);
        }
        return installation;
    }
}
