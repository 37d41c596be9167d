package io.firedrill.storage.s3;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One S3Proxy server for all tests of a class: register it as a static {@code @RegisterExtension} field. A
 * server that cannot start fails the class.
 */
final class RunningS3Proxy implements BeforeAllCallback, AfterAllCallback {
    private S3ProxyServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = S3ProxyServer.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
    }

    S3ProxyServer server() {
        return server;
    }
}
