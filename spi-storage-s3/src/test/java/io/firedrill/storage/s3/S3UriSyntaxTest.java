package io.firedrill.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class S3UriSyntaxTest {
    @Test
    void readsBucketPrefixAndParameters() {
        S3Settings s = S3StorageBuilder.fromUri(URI.create("s3://backups/team/db1/?endpoint=http%3A%2F%2F127.0.0.1%3A9000"
                + "&region=eu-west-1&path-style=true&conditional-writes=disabled&checksum-calculation=when_supported"))
                .settings();

        assertEquals("backups", s.bucket());
        assertEquals("team/db1/", s.prefix());
        assertEquals(Optional.of(URI.create("http://127.0.0.1:9000")), s.endpoint());
        assertEquals(Optional.of("eu-west-1"), s.region());
        assertTrue(s.pathStyleAccess());
        assertEquals(ConditionalWrites.DISABLED, s.conditionalWrites());
        assertEquals(ChecksumCalculation.WHEN_SUPPORTED, s.checksumCalculation());
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        S3Settings s = S3StorageBuilder.fromUri(URI.create("s3://backups")).settings();

        assertEquals("", s.prefix());
        assertFalse(s.pathStyleAccess());
        assertEquals(ConditionalWrites.AUTO, s.conditionalWrites());
        assertEquals(ChecksumCalculation.WHEN_REQUIRED, s.checksumCalculation());
        assertEquals(16, s.maxConnections());
        assertEquals(Duration.ofSeconds(10), s.connectTimeout());
        assertEquals(64L << 20, s.multipartThreshold());
        assertEquals(Optional.empty(), s.accessKeyId());
    }

    @Test
    void settingsNeverShowCredentials() {
        S3StorageBuilder builder = S3Storage.builder().bucket("b-1").credentials("AKIDEXAMPLE", "very-secret");

        assertFalse(builder.toString().contains("AKIDEXAMPLE"));
        assertFalse(builder.toString().contains("very-secret"));
        assertFalse(builder.settings().toString().contains("very-secret"));
        assertFalse(builder.settings().toString().contains("AKIDEXAMPLE"));
    }
}
