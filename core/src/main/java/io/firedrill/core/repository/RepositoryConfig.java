package io.firedrill.core.repository;

import io.firedrill.api.Chunking;

/**
 * The {@code config} object: what a reader must know before it can open anything else. Stored checksummed
 * (never encrypted: it is read before any key is unlocked) and holds no secret, except the id key of an
 * explicitly unencrypted repository, which protects nothing there.
 *
 * @param version format version, 1
 * @param id random repository id
 * @param created ISO-8601 creation time
 * @param encryption {@code aes-256-gcm} or {@code none}
 * @param chunking chunk sizes chosen at creation
 * @param idKey base64 id key, only in unencrypted repositories
 * @param mac encrypted repositories only: hex HMAC-SHA256 under the meta key of this document's JSON without
 *     the {@code mac} field, so a key file can only open the repository it was made for and nobody without
 *     the keys can alter the config (for instance to switch encryption off)
 */
public record RepositoryConfig(int version, String id, String created, String encryption, Chunking chunking,
                               String idKey, String mac) {
    /** The only format version this code writes and reads. */
    public static final int VERSION = 1;
    /** Encryption name for encrypted repositories. */
    public static final String AES_256_GCM = "aes-256-gcm";
    /** Encryption name for unencrypted repositories. */
    public static final String NONE = "none";

    /** Whether objects are encrypted. */
    public boolean encrypted() {
        return AES_256_GCM.equals(encryption);
    }

    /** This config without its MAC: the bytes the MAC covers. */
    public RepositoryConfig unsigned() {
        return new RepositoryConfig(version, id, created, encryption, chunking, idKey, null);
    }

    /** This config with a MAC. */
    public RepositoryConfig signed(String mac) {
        return new RepositoryConfig(version, id, created, encryption, chunking, idKey, mac);
    }
}
