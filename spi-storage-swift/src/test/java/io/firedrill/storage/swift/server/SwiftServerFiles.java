package io.firedrill.storage.swift.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes what a single-node Swift needs into its run directory: the server configurations, the Python program that
 * checks the prerequisites and builds the rings, and the one that starts a server with this directory's
 * {@code swift.conf} (Swift 2.30 otherwise always reads {@code /etc/swift/swift.conf}).
 */
final class SwiftServerFiles {
    /** The tempauth account, user and key the tests use. */
    static final String USER = "test:tester";
    static final String KEY = "testing";
    /** A user of the same account without the admin role. */
    static final String READER = "test:reader";
    static final String READER_KEY = "reading";

    private SwiftServerFiles() {
    }

    /** Writes every file; {@code ports} are the proxy, account, container, object and memcached ports. */
    static void write(Path dir, Path devices, SwiftPorts ports) throws IOException {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Files.createDirectories(dir.resolve("lib"));
        Files.createDirectories(dir.resolve("log"));
        Files.createDirectories(dir.resolve("cache"));
        Files.createDirectories(devices.resolve("d1"));
        write(dir.resolve("lib/prepare.py"), PREPARE);
        write(dir.resolve("lib/launch.py"), LAUNCH);
        write(etc.resolve("account-server.conf"), storageServer(dir, devices, "account", ports.account()));
        write(etc.resolve("container-server.conf"), storageServer(dir, devices, "container", ports.container()));
        write(etc.resolve("object-server.conf"), storageServer(dir, devices, "object", ports.object()));
        write(etc.resolve("proxy-server.conf"), proxy(dir, ports));
    }

    private static String storageServer(Path dir, Path devices, String kind, int port) {
        return """
                [DEFAULT]
                devices = %s
                mount_check = false
                disable_fallocate = true
                bind_ip = 127.0.0.1
                bind_port = %d
                workers = 0
                swift_dir = %s
                log_name = %s-server
                log_level = WARNING
                recon_cache_path = %s

                [pipeline:main]
                pipeline = healthcheck %s-server

                [app:%s-server]
                use = egg:swift#%s

                [filter:healthcheck]
                use = egg:swift#healthcheck
                """.formatted(devices, port, dir.resolve("etc"), kind, dir.resolve("cache"), kind, kind, kind);
    }

    private static String proxy(Path dir, SwiftPorts ports) {
        return proxy(ports.proxy(), dir.resolve("etc"), "proxy-server", "tempauth", """
                [filter:tempauth]
                use = egg:swift#tempauth
                token_life = 3600
                user_test_tester = %s .admin
                user_test_reader = %s
                """.formatted(KEY, READER_KEY), ports.memcached());
    }

    /**
     * A proxy server's configuration: the usual pipeline with {@code auth} (filter names) as its authentication, whose
     * filter sections are {@code authSections}.
     */
    static String proxy(int port, Path etc, String logName, String auth, String authSections, int memcachedPort) {
        return """
                [DEFAULT]
                bind_ip = 127.0.0.1
                bind_port = %d
                workers = 0
                swift_dir = %s
                log_name = %s
                log_level = WARNING

                [pipeline:main]
                pipeline = catch_errors gatekeeper healthcheck proxy-logging cache listing_formats bulk %s copy slo dlo proxy-logging proxy-server

                [app:proxy-server]
                use = egg:swift#proxy
                allow_account_management = true
                account_autocreate = true
                # A single node: never put it aside after one error (the default would answer 503 for 60 s).
                error_suppression_interval = 0

                %s
                [filter:cache]
                use = egg:swift#memcache
                memcache_servers = 127.0.0.1:%d

                [filter:catch_errors]
                use = egg:swift#catch_errors
                [filter:gatekeeper]
                use = egg:swift#gatekeeper
                [filter:healthcheck]
                use = egg:swift#healthcheck
                [filter:proxy-logging]
                use = egg:swift#proxy_logging
                [filter:listing_formats]
                use = egg:swift#listing_formats
                [filter:bulk]
                use = egg:swift#bulk
                [filter:copy]
                use = egg:swift#copy
                [filter:slo]
                use = egg:swift#slo
                [filter:dlo]
                use = egg:swift#dlo
                """.formatted(port, etc, logName, auth, authSections, memcachedPort);
    }

    /**
     * Checks that Debian's Swift is importable, that the devices directory takes user xattrs (Swift keeps object
     * metadata there), writes {@code swift.conf} and builds the three one-device rings in one process (nine
     * {@code swift-ring-builder} runs would take seconds). Arguments: run dir, devices dir, account, container and
     * object ports.
     */
    private static final String PREPARE = """
            import os, sys, secrets, tempfile
            run_dir, devices = sys.argv[1], sys.argv[2]
            ports = dict(zip(('account', 'container', 'object'), map(int, sys.argv[3:6])))
            def fail(message):
                sys.stderr.write('FIREDRILL-SWIFT: ' + message + '\\n')
                sys.exit(3)
            try:
                import importlib.util, pkg_resources, swift
            except ImportError as e:
                fail('%s cannot import swift (%s)' % (sys.executable, e))
            for kind, module, package in (('account', 'swift.account.server', 'swift-account'),
                                          ('container', 'swift.container.server', 'swift-container'),
                                          ('object', 'swift.obj.server', 'swift-object'),
                                          ('proxy', 'swift.proxy.server', 'swift-proxy')):
                if pkg_resources.get_entry_info('swift', 'paste.app_factory', kind) is None \\
                        or importlib.util.find_spec(module) is None:
                    fail('the Swift %s server is not installed (Debian package %s)' % (kind, package))
            fd, probe = tempfile.mkstemp(dir=os.path.join(devices, 'd1'))
            try:
                os.setxattr(fd, 'user.swift.metadata', b'x' * 200)
            except OSError as e:
                fail('%s does not support user.* extended attributes (%s); Swift keeps object metadata in them: '
                     'put the devices on ext4, xfs or btrfs' % (devices, e))
            finally:
                os.close(fd)
                os.unlink(probe)
            with open(os.path.join(run_dir, 'etc', 'swift.conf'), 'w') as f:
                f.write('[swift-hash]\\nswift_hash_path_suffix = %s\\nswift_hash_path_prefix = %s\\n\\n'
                        '[storage-policy:0]\\nname = Policy-0\\ndefault = yes\\n\\n[swift-constraints]\\n'
                        % (secrets.token_hex(16), secrets.token_hex(16)))
            from swift.common.ring import RingBuilder
            for kind, port in ports.items():
                builder = RingBuilder(8, 1, 1)
                builder.add_dev({'region': 1, 'zone': 1, 'ip': '127.0.0.1', 'port': port,
                                 'replication_ip': '127.0.0.1', 'replication_port': port,
                                 'device': 'd1', 'weight': 100, 'meta': ''})
                builder.rebalance(seed=1)
                builder.get_ring().save(os.path.join(run_dir, 'etc', kind + '.ring.gz'))
            """;

    /** Runs one server as {@code /usr/bin/swift-*-server} would, with this run's swift.conf. */
    private static final String LAUNCH = """
            import sys
            swift_conf, server, conf_file = sys.argv[1:4]
            import swift.common.utils as utils
            utils.SWIFT_CONF_FILE = swift_conf
            utils.HASH_PATH_SUFFIX = utils.HASH_PATH_PREFIX = b''
            from swift.common.wsgi import run_wsgi
            options = {}
            if server == 'object-server':
                from swift.obj import server as object_server
                options['global_conf_callback'] = object_server.global_conf_callback
            sys.exit(run_wsgi(conf_file, server, verbose=True, **options))
            """;

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
