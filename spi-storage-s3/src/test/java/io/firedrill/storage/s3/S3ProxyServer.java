package io.firedrill.storage.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server for the tests: S3Proxy in this JVM, on a free loopback port, over a temporary directory
 * (its file-system back end), with signature v4 authentication. Stopped and its directory deleted by
 * {@link #close()}. A server that cannot start fails the test.
 */
final class S3ProxyServer implements AutoCloseable {
    static final String ACCESS_KEY = "firedrill-test-key";
    static final String SECRET_KEY = "firedrill-test-secret-0123456789";
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    private final Path directory;
    private final S3Proxy proxy;
    private final URI endpoint;

    private S3ProxyServer(Path directory, S3Proxy proxy, URI endpoint) {
        this.directory = directory;
        this.proxy = proxy;
        this.endpoint = endpoint;
    }

    static S3ProxyServer start() {
        return start(AuthenticationType.AWS_V2_OR_V4);
    }

    /**
     * A server that checks no signature ({@link AuthenticationType#NONE}), for tests whose proxy alters signed
     * headers on purpose.
     */
    static S3ProxyServer startWithoutAuthentication() {
        return start(AuthenticationType.NONE);
    }

    private static S3ProxyServer start(AuthenticationType authentication) {
        try {
            Path directory = Files.createTempDirectory("firedrill-s3proxy-");
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(new FilesystemNio2BlobStore(directory.toString()))
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(authentication, ACCESS_KEY, SECRET_KEY)
                    .build();
            proxy.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start within 30 s: state " + proxy.getState());
                }
                Thread.sleep(10);
            }
            return new S3ProxyServer(directory, proxy, URI.create("http://127.0.0.1:" + proxy.getPort()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot start S3Proxy", e);
        }
    }

    URI endpoint() {
        return endpoint;
    }

    int port() {
        return endpoint.getPort();
    }

    /** Creates a new, empty bucket with a unique name and returns the name. */
    String newBucket() {
        String bucket = "firedrill-" + BUCKETS.incrementAndGet();
        try (S3Client client = rawClient()) {
            client.createBucket(r -> r.bucket(bucket));
        }
        return bucket;
    }

    /** A builder for a storage in {@code bucket} on this server, with the right credentials. */
    S3StorageBuilder storage(String bucket) {
        return S3Storage.builder().bucket(bucket).endpoint(endpoint).pathStyleAccess(true)
                .credentials(ACCESS_KEY, SECRET_KEY);
    }

    /** An SDK client for looking at the server behind the storage's back. */
    S3Client rawClient() {
        return S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop S3Proxy", e);
        } finally {
            deleteTree(directory);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
