package io.firedrill.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How a new repository protects its data, chosen once at creation. Every object holding data or metadata
 * (packs, index files, catalog entries) is encrypted with AES-256-GCM; the config, lock files and pins hold no
 * secret and are only checksummed (the config is also authenticated with the repository's keys). The
 * repository's keys are wrapped by one or more key files:
 * <ul>
 *   <li>a <b>passphrase</b> (through Argon2id): opens the repository for reading and writing;</li>
 *   <li>a <b>recipient</b> (an X25519 public key): reading needs the matching {@link Identity};</li>
 *   <li>a <b>write-only passphrase</b>: writes backups but cannot read any backup, not even its own. Give it
 *       to the hosts that take backups, keep the passphrase or identity elsewhere.</li>
 * </ul>
 * An unencrypted repository must be asked for with {@link #none()}.
 */
public final class Encryption {
    private final boolean encrypted;
    private final List<char[]> passphrases;
    private final List<char[]> writeOnlyPassphrases;
    private final List<Recipient> recipients;
    private final KdfStrength kdf;

    private Encryption(boolean encrypted, List<char[]> passphrases, List<char[]> writeOnlyPassphrases,
                       List<Recipient> recipients, KdfStrength kdf) {
        this.encrypted = encrypted;
        this.passphrases = passphrases;
        this.writeOnlyPassphrases = writeOnlyPassphrases;
        this.recipients = recipients;
        this.kdf = kdf;
    }

    /** Encrypted, with a key file opened by this passphrase (read and write). */
    public static Encryption passphrase(char[] passphrase) {
        return new Encryption(true, List.of(), List.of(), List.of(), KdfStrength.defaults()).andPassphrase(passphrase);
    }

    /** Encrypted, readable only with the identities of these recipients. */
    public static Encryption recipients(Recipient... recipients) {
        Encryption e = new Encryption(true, List.of(), List.of(), List.of(), KdfStrength.defaults());
        for (Recipient r : recipients) {
            e = e.andRecipient(r);
        }
        return e;
    }

    /** No encryption: objects are only checksummed. Anyone who can read the storage can read the backups. */
    public static Encryption none() {
        return new Encryption(false, List.of(), List.of(), List.of(), KdfStrength.defaults());
    }

    /** Adds a read-and-write passphrase key file. */
    public Encryption andPassphrase(char[] passphrase) {
        requireEncrypted();
        return new Encryption(true, plus(passphrases, checked(passphrase)), writeOnlyPassphrases, recipients, kdf);
    }

    /** Adds a recipient key file: reading needs the recipient's identity. */
    public Encryption andRecipient(Recipient recipient) {
        requireEncrypted();
        Objects.requireNonNull(recipient, "recipient");
        List<Recipient> all = new ArrayList<>(recipients);
        all.add(recipient);
        return new Encryption(true, passphrases, writeOnlyPassphrases, List.copyOf(all), kdf);
    }

    /** Adds a write-only passphrase key file: backups can be written, nothing can be read. */
    public Encryption andWriteOnlyPassphrase(char[] passphrase) {
        requireEncrypted();
        return new Encryption(true, passphrases, plus(writeOnlyPassphrases, checked(passphrase)), recipients, kdf);
    }

    /** The Argon2id cost used for passphrase key files; default 64 MiB, 3 iterations. */
    public Encryption withKdf(KdfStrength strength) {
        return new Encryption(encrypted, passphrases, writeOnlyPassphrases, recipients,
                Objects.requireNonNull(strength, "strength"));
    }

    /** Whether objects are encrypted. */
    public boolean encrypted() {
        return encrypted;
    }

    /** The read-and-write passphrases (copies). */
    public List<char[]> passphrases() {
        return copies(passphrases);
    }

    /** The write-only passphrases (copies). */
    public List<char[]> writeOnlyPassphrases() {
        return copies(writeOnlyPassphrases);
    }

    /** The recipients whose identities can read the repository. */
    public List<Recipient> recipientKeys() {
        return recipients;
    }

    /** The Argon2id cost for passphrase key files. */
    public KdfStrength kdf() {
        return kdf;
    }

    /** Validates that an encrypted repository gets at least one key. */
    public void validate() {
        if (encrypted && passphrases.isEmpty() && recipients.isEmpty()) {
            throw new InvalidConfigurationException("an encrypted repository needs a passphrase or a recipient that can read it",
                    "add andPassphrase(...) or andRecipient(...); a write-only passphrase alone would make the backups unreadable");
        }
    }

    @Override
    public String toString() {
        return encrypted ? "Encryption[aes-256-gcm, " + passphrases.size() + " passphrase(s), "
                + writeOnlyPassphrases.size() + " write-only passphrase(s), recipients=" + recipients + "]"
                : "Encryption[none]";
    }

    private void requireEncrypted() {
        if (!encrypted) {
            throw new InvalidConfigurationException("an unencrypted repository has no keys to add", null);
        }
    }

    private static char[] checked(char[] passphrase) {
        Objects.requireNonNull(passphrase, "passphrase");
        if (passphrase.length == 0) {
            throw new InvalidConfigurationException("the passphrase is empty", "use a long random passphrase");
        }
        return passphrase.clone();
    }

    private static List<char[]> plus(List<char[]> list, char[] item) {
        List<char[]> all = new ArrayList<>(list);
        all.add(item);
        return List.copyOf(all);
    }

    private static List<char[]> copies(List<char[]> list) {
        return list.stream().map(p -> Arrays.copyOf(p, p.length)).toList();
    }

    /**
     * Argon2id cost parameters.
     *
     * @param memoryKiB memory per derivation in KiB (default 65536 = 64 MiB), 64..4194304
     * @param iterations passes over the memory (default 3), 1..100
     * @param parallelism lanes (default 1), 1..16
     */
    public record KdfStrength(int memoryKiB, int iterations, int parallelism) {
        /** Validates the parameters. */
        public KdfStrength {
            if (memoryKiB < 64 || memoryKiB > 4 * 1024 * 1024 || iterations < 1 || iterations > 100
                    || parallelism < 1 || parallelism > 16 || memoryKiB < 8 * parallelism) {
                throw new InvalidConfigurationException("Argon2id parameters memoryKiB=" + memoryKiB + " iterations="
                        + iterations + " parallelism=" + parallelism + " are out of range",
                        "memoryKiB 64..4194304 and >= 8 x parallelism, iterations 1..100, parallelism 1..16");
            }
        }

        /** 64 MiB, 3 iterations, 1 lane. */
        public static KdfStrength defaults() {
            return new KdfStrength(65536, 3, 1);
        }
    }
}
