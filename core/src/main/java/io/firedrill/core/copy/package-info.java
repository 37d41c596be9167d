/**
 * Copies backups from one repository into another ({@code copy()}): byte for byte when both share their
 * master keys ({@link io.firedrill.core.copy.PackTransfer}), otherwise by decrypting, re-hashing and
 * re-encrypting every chunk and rewriting manifests with the destination's chunk ids
 * ({@link io.firedrill.core.copy.ReencryptingTransfer}, {@link io.firedrill.core.copy.ManifestRewrite}).
 * Catalog and log entries are written after everything they name is durable and indexed at the destination.
 */
package io.firedrill.core.copy;
