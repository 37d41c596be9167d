package io.firedrill.storage.swift.server;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Keystone's configuration, and the configuration of the Swift proxy that trusts Keystone's tokens. */
final class KeystoneFiles {
    private KeystoneFiles() {
    }

    /**
     * Creates the database, the Fernet and credential keys and the bootstrap admin, project, region and identity
     * endpoints in one process (each {@code keystone-manage} run would spend seconds importing Keystone). Arguments:
     * configuration file, OS user owning the keys, admin password, Keystone's URL.
     */
    static final String SETUP = """
            import sys
            conf, owner, password, url = sys.argv[1:5]
            from keystone.cmd import cli
            for command in (['db_sync'],
                            ['fernet_setup', '--keystone-user', owner, '--keystone-group', owner],
                            ['credential_setup', '--keystone-user', owner, '--keystone-group', owner],
                            ['bootstrap', '--bootstrap-password', password, '--bootstrap-public-url', url,
                             '--bootstrap-internal-url', url, '--bootstrap-admin-url', url,
                             '--bootstrap-region-id', 'RegionOne']):
                cli.main(argv=['keystone-manage', '--config-file', conf] + command)
                cli.CONF.reset()
            """;

    /** Writes both configuration files and the setup program; returns Keystone's configuration file. */
    static Path write(Path home, Path dir, URI authUrl, int proxyPort, int memcachedPort) throws IOException {
        Files.createDirectories(home.resolve("fernet-keys"));
        Files.createDirectories(home.resolve("credential-keys"));
        Files.writeString(home.resolve("setup.py"), SETUP, StandardCharsets.UTF_8);
        Path conf = home.resolve("keystone.conf");
        Files.writeString(conf, """
                [DEFAULT]
                log_file = %s
                [database]
                connection = sqlite:///%s
                [token]
                provider = fernet
                [fernet_tokens]
                key_repository = %s
                [fernet_receipts]
                key_repository = %s
                [credential]
                key_repository = %s
                """.formatted(dir.resolve("log/keystone-server.log"), home.resolve("keystone.db"),
                home.resolve("fernet-keys"), home.resolve("fernet-keys"), home.resolve("credential-keys")),
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("etc/proxy-keystone-server.conf"), SwiftServerFiles.proxy(proxyPort,
                dir.resolve("etc"), "proxy-keystone", "authtoken keystoneauth", """
                [filter:authtoken]
                paste.filter_factory = keystonemiddleware.auth_token:filter_factory
                www_authenticate_uri = %s
                auth_url = %s
                auth_type = password
                username = admin
                password = %s
                project_name = admin
                user_domain_name = Default
                project_domain_name = Default
                memcached_servers = 127.0.0.1:%d
                delay_auth_decision = True

                [filter:keystoneauth]
                use = egg:swift#keystoneauth
                operator_roles = admin, member
                """.formatted(authUrl, authUrl, LocalKeystone.PASSWORD, memcachedPort), memcachedPort),
                StandardCharsets.UTF_8);
        return conf;
    }
}
