package io.firedrill.core.repository;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import io.firedrill.core.crypto.DataKeyCache;
import io.firedrill.core.crypto.IntegrityException;
import io.firedrill.core.crypto.Sealer;
import io.firedrill.core.index.PackRef;

/** Finds the sealer that opens a pack's blobs, from the session key sealed in the pack's envelope. */
public final class PackKeys {
    private final Sealer unencrypted;
    private final DataKeyCache dataKeys;

    private PackKeys(Sealer unencrypted, DataKeyCache dataKeys) {
        this.unencrypted = unencrypted;
        this.dataKeys = dataKeys;
    }

    /** For an unencrypted repository: every pack is checksummed with the same sealer. */
    static PackKeys unencrypted(Sealer checksums) {
        return new PackKeys(checksums, null);
    }

    /** For an encrypted repository, with the data private key, or {@code null} for a write-only key. */
    static PackKeys encrypted(byte[] dataPrivateKey) {
        return new PackKeys(null, dataPrivateKey == null ? null : new DataKeyCache(dataPrivateKey));
    }

    /** The sealer for one pack. */
    public Sealer sealerFor(PackRef pack) throws IntegrityException {
        if (unencrypted != null) {
            return unencrypted;
        }
        if (dataKeys == null) {
            throw new FiredrillException(ErrorCode.ACCESS_DENIED,
                    "this repository was opened with a write-only key, which cannot read backups",
                    "open it with a read-write passphrase or with the identity of a recipient");
        }
        return dataKeys.sealerFor(pack.envelope());
    }
}
