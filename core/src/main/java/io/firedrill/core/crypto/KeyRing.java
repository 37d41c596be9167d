package io.firedrill.core.crypto;

import io.firedrill.api.Identity;
import io.firedrill.api.WrongKeyException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Opens a repository's keys from its key files with a passphrase and/or an identity. Recipient key files
 * are tried first (they are cheap), then passphrase key files; full key files before write-only ones, so
 * the most capable key that opens is returned.
 */
public final class KeyRing {
    private KeyRing() {
    }

    /**
     * Tries each applicable key file: passphrase files only when a passphrase is given, recipient files only
     * when an identity is given and the file is for its recipient.
     *
     * @param files the repository's key files
     * @param passphraseOrNull the passphrase, or {@code null}
     * @param identityOrNull the identity, or {@code null}
     * @param repositoryDescription names the repository in messages (e.g. its location without credentials)
     * @return the keys of the first file that opens
     * @throws WrongKeyException when no file opens; the message names the repository and what was tried,
     *         never the passphrase
     */
    public static MasterKeys unlock(List<KeyFile> files, char[] passphraseOrNull, Identity identityOrNull,
            String repositoryDescription) {
        return unlock(files, passphraseOrNull, identityOrNull, repositoryDescription, keys -> true);
    }

    /**
     * Like {@link #unlock(List, char[], Identity, String)}, but keys that open are used only when
     * {@code belongs} accepts them (they authenticate the repository's config); others are skipped, so a stray
     * or planted key file cannot substitute its own keys.
     */
    public static MasterKeys unlock(List<KeyFile> files, char[] passphraseOrNull, Identity identityOrNull,
            String repositoryDescription, java.util.function.Predicate<MasterKeys> belongs) {
        Objects.requireNonNull(files, "files");
        List<KeyFile> ordered = new ArrayList<>(files);
        ordered.sort(Comparator.comparing((KeyFile f) -> f.wrap().equals(KeyFile.X25519) ? 0 : 1)
                .thenComparing(f -> f.kind().equals(KeyFile.FULL) ? 0 : 1));
        int recipientTried = 0;
        int passphraseTried = 0;
        int foreign = 0;
        for (KeyFile file : ordered) {
            Optional<MasterKeys> keys = Optional.empty();
            if (file.wrap().equals(KeyFile.X25519) && identityOrNull != null
                    && file.recipient().orElseThrow().equals(identityOrNull.recipient())) {
                recipientTried++;
                keys = file.unlock(identityOrNull);
            } else if (file.wrap().equals(KeyFile.PASSPHRASE) && passphraseOrNull != null) {
                passphraseTried++;
                keys = file.unlock(passphraseOrNull);
            }
            if (keys.isPresent()) {
                if (belongs.test(keys.get())) {
                    return keys.get();
                }
                foreign++;
            }
        }
        String message = failure(files, passphraseOrNull != null, identityOrNull, passphraseTried, recipientTried,
                repositoryDescription);
        if (foreign > 0) {
            message += "; " + count(foreign, "matching") + " opened but belong to another repository (a stray or "
                    + "planted key file: remove it)";
        }
        throw new WrongKeyException(message);
    }

    private static String failure(List<KeyFile> files, boolean hasPassphrase, Identity identity, int passphraseTried,
            int recipientTried, String repository) {
        long passphraseFiles = files.stream().filter(f -> f.wrap().equals(KeyFile.PASSPHRASE)).count();
        long recipientFiles = files.size() - passphraseFiles;
        StringBuilder message = new StringBuilder("no key of repository ").append(repository).append(" opens: ");
        if (!hasPassphrase && identity == null) {
            return message.append("neither a passphrase nor an identity was given (the repository has ")
                    .append(count(passphraseFiles, "passphrase")).append(" and ")
                    .append(count(recipientFiles, "recipient")).append(")").toString();
        }
        if (hasPassphrase) {
            message.append("the passphrase given was tried on ").append(count(passphraseTried, "passphrase"));
        }
        if (identity != null) {
            if (hasPassphrase) {
                message.append("; ");
            }
            message.append("identity ").append(identity.recipient()).append(" was tried on ")
                    .append(count(recipientTried, "recipient"))
                    .append(" (the repository has ").append(count(recipientFiles, "recipient")).append(" in all)");
        }
        if (!hasPassphrase && passphraseFiles > 0) {
            message.append("; ").append(count(passphraseFiles, "passphrase")).append(" not tried (no passphrase given)");
        }
        return message.toString();
    }

    private static String count(long n, String wrap) {
        return n + " " + wrap + " key file" + (n == 1 ? "" : "s");
    }
}
