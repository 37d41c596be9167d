package io.firedrill.core.compression;

/** A stored blob that cannot be decoded to what it should hold: unknown format, wrong size, or damaged data. */
public final class CorruptBlobException extends Exception {
    /**
     * @param message what is wrong
     * @param cause the underlying error, or {@code null}
     */
    public CorruptBlobException(String message, Throwable cause) {
        super(message, cause);
    }
}
