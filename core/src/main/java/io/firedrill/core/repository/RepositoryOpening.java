package io.firedrill.core.repository;

import io.firedrill.api.Chunking;
import io.firedrill.api.Configuration;
import io.firedrill.api.CorruptObjectException;
import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.ObjectNotFoundException;
import io.firedrill.api.WrongKeyException;
import io.firedrill.api.spi.Storage;
import io.firedrill.core.crypto.ChecksumSealer;
import io.firedrill.core.crypto.IntegrityException;
import io.firedrill.core.crypto.KeyFile;
import io.firedrill.core.crypto.KeyRing;
import io.firedrill.core.crypto.MasterKeys;
import io.firedrill.core.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

/** Opens a repository: read and check {@code config}, then unlock a key file. */
final class RepositoryOpening {
    private RepositoryOpening() {
    }

    static Repository open(Storage storage, Configuration settings) {
        RepositoryConfig config = readConfig(storage);
        MasterKeys keys;
        if (config.encrypted()) {
            keys = unlock(storage, settings, config);
        } else {
            if (settings.passphrase().isPresent() || settings.identity().isPresent()) {
                throw new FiredrillException(ErrorCode.CORRUPT_OBJECT, "repository " + storage.describe()
                        + " says it is unencrypted, but a passphrase or identity was configured",
                        "if you created it with Encryption.none(), open it without a passphrase; otherwise its "
                                + "config object was replaced, and nothing should be written to it");
            }
            keys = new MasterKeys(decodeIdKey(config), new byte[32], new byte[32], new byte[32]);
        }
        return new Repository(storage, config, keys, settings);
    }

    static RepositoryConfig readConfig(Storage storage) {
        byte[] sealed;
        try {
            sealed = ObjectBytes.read(storage, RepositoryLayout.CONFIG);
        } catch (ObjectNotFoundException e) {
            throw new FiredrillException(ErrorCode.REPOSITORY_STATE, "there is no repository at " + storage.describe(),
                    "check the location, or create a repository there with init(...)");
        }
        byte[] json;
        try {
            json = new ChecksumSealer().open(sealed, 0, sealed.length, RepositoryCreation.CONFIG_AAD);
        } catch (IntegrityException e) {
            throw Repository.corruptConfig(e.getMessage());
        }
        RepositoryConfig config;
        try {
            config = Json.read(json, RepositoryConfig.class);
        } catch (IOException e) {
            throw Repository.corruptConfig("malformed: " + e.getMessage());
        }
        if (config.version() != RepositoryConfig.VERSION) {
            throw new FiredrillException(ErrorCode.UNSUPPORTED_FORMAT, "repository " + storage.describe()
                    + " has format version " + config.version() + "; this Firedrill reads version "
                    + RepositoryConfig.VERSION, "upgrade Firedrill to a release that reads this format");
        }
        Chunking chunking = config.chunking();
        if (chunking == null || config.id() == null || config.created() == null) {
            throw Repository.corruptConfig("required fields are missing");
        }
        if (!RepositoryConfig.AES_256_GCM.equals(config.encryption())
                && !RepositoryConfig.NONE.equals(config.encryption())) {
            throw Repository.corruptConfig("unknown encryption '" + config.encryption() + "'");
        }
        return config;
    }

    /** Reads and checks one key file. */
    static KeyFile readKeyFile(Storage storage, String name) {
        byte[] sealed = ObjectBytes.read(storage, name);
        try {
            return KeyFile.parse(name, new ChecksumSealer().open(sealed, 0, sealed.length,
                    RepositoryCreation.KEY_FILE_AAD));
        } catch (IntegrityException e) {
            throw new CorruptObjectException(name, e.getMessage());
        }
    }

    private static byte[] decodeIdKey(RepositoryConfig config) {
        try {
            byte[] idKey = config.idKey() == null ? new byte[0] : Base64.getDecoder().decode(config.idKey());
            if (idKey.length != 32) {
                throw Repository.corruptConfig("an unencrypted repository's id key must have 32 bytes");
            }
            return idKey;
        } catch (IllegalArgumentException e) {
            throw Repository.corruptConfig("its id key is not base64");
        }
    }

    private static MasterKeys unlock(Storage storage, Configuration settings, RepositoryConfig config) {
        if (settings.passphrase().isEmpty() && settings.identity().isEmpty()) {
            throw new WrongKeyException("repository " + storage.describe()
                    + " is encrypted and neither a passphrase nor an identity was configured");
        }
        List<String> names = new ArrayList<>();
        storage.list(RepositoryLayout.KEYS, info -> names.add(info.name()));
        Collections.sort(names);
        List<KeyFile> files = new ArrayList<>();
        List<String> damaged = new ArrayList<>();
        for (String name : names) {
            try {
                files.add(readKeyFile(storage, name));
            } catch (CorruptObjectException e) {
                damaged.add(name);
            }
        }
        if (files.isEmpty() && !damaged.isEmpty()) {
            throw new CorruptObjectException(damaged.get(0), "every key file of " + storage.describe()
                    + " is damaged: " + damaged);
        }
        char[] passphrase = settings.passphrase().orElse(null);
        try {
            return KeyRing.unlock(files, passphrase, settings.identity().orElse(null), storage.describe(),
                    keys -> ConfigMac.verifies(config, keys));
        } catch (WrongKeyException e) {
            if (damaged.isEmpty()) {
                throw e;
            }
            // The key that would open may be the damaged one: say so, rather than blame the passphrase.
            throw new WrongKeyException(e.getMessage().split("\nhint: ", 2)[0] + "; damaged key files, which"
                    + " could not be tried: " + damaged);
        } finally {
            if (passphrase != null) {
                java.util.Arrays.fill(passphrase, '\0');
            }
        }
    }
}
