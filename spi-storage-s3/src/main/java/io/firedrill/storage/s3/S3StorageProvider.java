package io.firedrill.storage.s3;

import io.firedrill.api.spi.Storage;
import io.firedrill.api.spi.StorageProvider;
import java.net.URI;
import java.util.Objects;
import java.util.function.Function;

/**
 * The {@code s3} scheme: {@code s3://bucket/prefix} opens an {@link S3Storage} with the SDK's default
 * credentials and region chains. Query parameters set what an S3-compatible server needs:
 * {@code ?endpoint=http://127.0.0.1:9000&path-style=true&region=us-east-1}, and
 * {@code conditional-writes=auto|enabled|disabled}, {@code checksum-calculation=when_required|when_supported}.
 * Credentials in the URI are refused. For explicit credentials and other settings use
 * {@link S3StorageBuilder#provider()}.
 */
public final class S3StorageProvider implements StorageProvider {
    private final Function<URI, S3StorageBuilder> builders;

    /** The provider {@code ServiceLoader} finds: settings from the URI, credentials from the default chain. */
    public S3StorageProvider() {
        this(S3StorageBuilder::fromUri);
    }

    S3StorageProvider(Function<URI, S3StorageBuilder> builders) {
        this.builders = Objects.requireNonNull(builders, "builders");
    }

    @Override
    public String scheme() {
        return "s3";
    }

    @Override
    public Storage open(URI uri) {
        return builders.apply(uri).build();
    }
}
