package io.firedrill.storage.s3;

import io.firedrill.api.InvalidConfigurationException;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/** Builds the SDK client an {@link S3Storage} uses, from its settings. */
final class S3Clients {
    private static final Duration CONNECTION_ACQUISITION_TIMEOUT = Duration.ofMinutes(2);

    private S3Clients() {
    }

    static S3Client create(S3Settings settings) {
        Apache5HttpClient.Builder http = Apache5HttpClient.builder()
                .maxConnections(settings.maxConnections())
                .connectionTimeout(settings.connectTimeout())
                .socketTimeout(settings.readTimeout())
                .connectionAcquisitionTimeout(CONNECTION_ACQUISITION_TIMEOUT)
                .tcpKeepAlive(true);
        BackoffStrategy backoff = BackoffStrategy.exponentialDelay(settings.retryBaseDelay(), settings.retryMaxDelay());
        ClientOverrideConfiguration overrides = ClientOverrideConfiguration.builder()
                .apiCallTimeout(settings.apiCallTimeout())
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(settings.maxAttempts())
                        .backoffStrategy(backoff)
                        .throttlingBackoffStrategy(backoff)
                        .circuitBreakerEnabled(false)
                        .build())
                .build();
        boolean whenRequired = settings.checksumCalculation() == ChecksumCalculation.WHEN_REQUIRED;
        var builder = S3Client.builder()
                .httpClientBuilder(http)
                .overrideConfiguration(overrides)
                .region(region(settings))
                .credentialsProvider(credentials(settings))
                .requestChecksumCalculation(whenRequired ? RequestChecksumCalculation.WHEN_REQUIRED
                        : RequestChecksumCalculation.WHEN_SUPPORTED)
                .responseChecksumValidation(whenRequired ? ResponseChecksumValidation.WHEN_REQUIRED
                        : ResponseChecksumValidation.WHEN_SUPPORTED)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyleAccess()).build());
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static Region region(S3Settings settings) {
        if (settings.region().isPresent()) {
            return Region.of(settings.region().get());
        }
        if (settings.endpoint().isPresent()) {
            return Region.US_EAST_1;
        }
        try {
            return DefaultAwsRegionProviderChain.builder().build().getRegion();
        } catch (SdkClientException e) {
            throw new InvalidConfigurationException("no region was given for " + settings.describe()
                    + " and the SDK's region chain found none", "set region(...) or ?region= in the URI, or the "
                    + "AWS_REGION environment variable");
        }
    }

    private static AwsCredentialsProvider credentials(S3Settings settings) {
        if (settings.accessKeyId().isPresent()) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(settings.accessKeyId().get(), settings.secretAccessKey().orElseThrow()));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
