package io.firedrill.examples.benchmark;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Fills buffers with a file's content, a continuous stream from one seeded generator: random bytes, or
 * text-like lines (application log lines, CSV order records) that zstd compresses a few times over.
 */
abstract class ContentGenerator {
    final SplittableRandom random;

    ContentGenerator(SplittableRandom random) {
        this.random = random;
    }

    static ContentGenerator of(DataSet.Kind kind, SplittableRandom random) {
        return switch (kind) {
            case RANDOM -> new RandomBytes(random);
            case LOG -> new LogLines(random);
            case CSV -> new CsvRecords(random);
        };
    }

    /** Fills {@code buffer[0, n)} with the next {@code n} bytes of the stream. */
    abstract void fill(byte[] buffer, int n);

    /** Incompressible bytes. */
    static final class RandomBytes extends ContentGenerator {
        RandomBytes(SplittableRandom random) {
            super(random);
        }

        @Override
        void fill(byte[] buffer, int n) {
            int i = 0;
            for (; i + 8 <= n; i += 8) {
                long v = random.nextLong();
                buffer[i] = (byte) v;
                buffer[i + 1] = (byte) (v >>> 8);
                buffer[i + 2] = (byte) (v >>> 16);
                buffer[i + 3] = (byte) (v >>> 24);
                buffer[i + 4] = (byte) (v >>> 32);
                buffer[i + 5] = (byte) (v >>> 40);
                buffer[i + 6] = (byte) (v >>> 48);
                buffer[i + 7] = (byte) (v >>> 56);
            }
            for (; i < n; i++) {
                buffer[i] = (byte) random.nextInt(256);
            }
        }
    }

    /** Produces lines one at a time into a small buffer and copies them out across fill calls. */
    abstract static class Lines extends ContentGenerator {
        final byte[] line = new byte[1024];
        int length;
        private int pos;

        Lines(SplittableRandom random) {
            super(random);
        }

        abstract void nextLine();

        @Override
        final void fill(byte[] buffer, int n) {
            int at = 0;
            while (at < n) {
                if (pos == length) {
                    length = 0;
                    pos = 0;
                    nextLine();
                }
                int k = Math.min(n - at, length - pos);
                System.arraycopy(line, pos, buffer, at, k);
                pos += k;
                at += k;
            }
        }

        final void put(byte[] bytes) {
            System.arraycopy(bytes, 0, line, length, bytes.length);
            length += bytes.length;
        }

        final void put(char c) {
            line[length++] = (byte) c;
        }

        /** A non-negative decimal, zero-padded to {@code width} digits (0: no padding). */
        final void putNumber(long v, int width) {
            int start = length;
            do {
                line[length++] = (byte) ('0' + v % 10);
                v /= 10;
            } while (v > 0 || length - start < width);
            for (int i = start, j = length - 1; i < j; i++, j--) {
                byte t = line[i];
                line[i] = line[j];
                line[j] = t;
            }
        }

        final void putHex(long v, int digits) {
            for (int i = digits - 1; i >= 0; i--) {
                line[length++] = (byte) Character.forDigit((int) (v >>> (4 * i)) & 0xf, 16);
            }
        }

        final byte[] pick(byte[][] from) {
            return from[random.nextInt(from.length)];
        }

        static byte[][] words(String... words) {
            byte[][] out = new byte[words.length][];
            for (int i = 0; i < words.length; i++) {
                out[i] = words[i].getBytes(StandardCharsets.US_ASCII);
            }
            return out;
        }
    }

    private static final byte[] YEAR = "2024-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ZONE = "Z ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WORKER = " [worker-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SERVICE = "] svc=".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REQUEST = " req=".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] USER = " user=u".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ACTION = " action=".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LATENCY = " latency_ms=".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STATUS = " status=".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MESSAGE = " msg=\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CSV_YEAR = ",2024-".getBytes(StandardCharsets.US_ASCII);

    static final byte[][] VOCABULARY = Lines.words(("the a of to and in is for on with as by at from that this be are was it"
            + " request response cache miss hit retry timeout connection pool database query index table row column"
            + " user session token expired refreshed granted denied order payment invoice shipment warehouse stock"
            + " item price discount coupon customer account address email verified pending failed completed queued"
            + " worker thread job batch scheduled started finished took slow fast backend frontend gateway proxy"
            + " upstream downstream latency throughput error warning notice debug trace metric counter gauge").split(" "));

    /** Application log lines with timestamps, levels, services, ids and a short message. */
    static final class LogLines extends Lines {
        private static final byte[][] LEVELS = words("INFO ", "INFO ", "INFO ", "INFO ", "DEBUG", "DEBUG", "WARN ", "ERROR");
        private static final byte[][] SERVICES = words("orders", "payments", "auth", "catalog", "search", "cart",
                "shipping", "billing", "gateway", "inventory", "reports", "notifications");
        private static final byte[][] ACTIONS = words("checkout", "login", "logout", "view", "search", "add_to_cart",
                "remove_from_cart", "pay", "refund", "ship", "track", "update_profile", "reset_password", "list",
                "export", "import", "sync", "heartbeat", "subscribe", "unsubscribe");
        private long millis = 1_714_000_000_000L;

        LogLines(SplittableRandom random) {
            super(random);
            millis += random.nextLong(86_400_000L * 365);
        }

        @Override
        void nextLine() {
            millis += random.nextInt(40);
            long s = millis / 1000;
            long day = s / 86400;
            long sec = s % 86400;
            put(YEAR);
            putNumber(1 + (day / 28) % 12, 2);
            put('-');
            putNumber(1 + day % 28, 2);
            put('T');
            putNumber(sec / 3600, 2);
            put(':');
            putNumber(sec / 60 % 60, 2);
            put(':');
            putNumber(sec % 60, 2);
            put('.');
            putNumber(millis % 1000, 3);
            put(ZONE);
            put(pick(LEVELS));
            put(WORKER);
            putNumber(random.nextInt(16), 0);
            put(SERVICE);
            put(pick(SERVICES));
            put(REQUEST);
            putHex(random.nextLong(), 12);
            put(USER);
            putNumber(random.nextInt(50_000), 6);
            put(ACTION);
            put(pick(ACTIONS));
            put(LATENCY);
            putNumber(random.nextInt(random.nextInt(20) == 0 ? 5000 : 120), 0);
            put(STATUS);
            putNumber(random.nextInt(12) == 0 ? 500 : 200, 0);
            put(MESSAGE);
            int words = 3 + random.nextInt(10);
            for (int i = 0; i < words; i++) {
                if (i > 0) {
                    put(' ');
                }
                put(pick(VOCABULARY));
            }
            put('"');
            put('\n');
        }
    }

    /** CSV order records: ids counting up, a few categorical columns, amounts and dates. */
    static final class CsvRecords extends Lines {
        private static final byte[][] COUNTRIES = words("DE", "FR", "NL", "BE", "AT", "CH", "IT", "ES", "PL", "SE", "DK", "US");
        private static final byte[][] STATES = words("new", "paid", "packed", "shipped", "delivered", "returned", "cancelled");
        private static final byte[][] CURRENCIES = words("EUR", "EUR", "EUR", "CHF", "SEK", "PLN", "USD");
        private long id;

        CsvRecords(SplittableRandom random) {
            super(random);
            id = random.nextLong(1_000_000_000L);
        }

        @Override
        void nextLine() {
            id += 1 + random.nextInt(3);
            putNumber(id, 10);
            put(',');
            putNumber(random.nextInt(200_000), 7);
            put(',');
            put(pick(COUNTRIES));
            put(',');
            put(pick(STATES));
            put(',');
            putNumber(random.nextInt(100_000), 0);
            put('.');
            putNumber(random.nextInt(100), 2);
            put(',');
            put(pick(CURRENCIES));
            put(CSV_YEAR);
            putNumber(1 + random.nextInt(12), 2);
            put('-');
            putNumber(1 + random.nextInt(28), 2);
            put(',');
            putNumber(1 + random.nextInt(9), 0);
            put(',');
            put(pick(VOCABULARY));
            put(' ');
            put(pick(VOCABULARY));
            put('\n');
        }
    }
}
