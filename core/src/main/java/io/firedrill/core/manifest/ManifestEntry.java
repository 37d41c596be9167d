package io.firedrill.core.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One entry of a manifest: a directory, a regular file or a symbolic link, at a relative {@code /}-separated
 * path.
 *
 * @param path relative path; never absolute, never with {@code ..} segments (a reader must refuse those)
 * @param type {@code dir}, {@code file} or {@code symlink}
 * @param mode POSIX permission bits, or {@code null} when the source has none
 * @param mtimeNanos modification time in nanoseconds since the epoch
 * @param size file size in bytes (files only)
 * @param chunks file chunk ids in order, each covering {@code fileChunkSize} bytes (the last one the rest);
 *     {@code null} marks an all-zero chunk, restored as a hole (files only)
 * @param target link target (symlinks only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ManifestEntry(String path, String type, Integer mode, Long mtimeNanos, Long size,
                            @JsonInclude(JsonInclude.Include.ALWAYS) List<String> chunks, String target) {
    /** Type of directories. */
    public static final String DIR = "dir";
    /** Type of regular files. */
    public static final String FILE = "file";
    /**
     * Type of the streams of logical backups: chunks are content-defined (of any length up to the stream
     * chunker's maximum), concatenated in order; never restored as files by a directory restore.
     */
    public static final String STREAM = "stream";
    /** Type of symbolic links. */
    public static final String SYMLINK = "symlink";
}
