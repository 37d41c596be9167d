package io.firedrill.postgres.archive;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the system identifier from a data directory's {@code global/pg_control}: its first eight bytes, in the
 * machine's byte order (little-endian on the platforms Firedrill runs on). {@code archive_command} runs in the
 * data directory, which is how the command finds the stream to archive into without a connection.
 */
final class ControlFile {
    private ControlFile() {
    }

    static String systemIdentifier(Path dataDirectory) {
        Path control = dataDirectory.resolve("global").resolve("pg_control");
        try (InputStream in = Files.newInputStream(control)) {
            byte[] first = in.readNBytes(8);
            if (first.length != 8) {
                throw new IOException("shorter than 8 bytes");
            }
            return Long.toUnsignedString(ByteBuffer.wrap(first).order(ByteOrder.LITTLE_ENDIAN).getLong());
        } catch (IOException e) {
            throw new FiredrillException(ErrorCode.INVALID_CONFIGURATION, "cannot read the system identifier from "
                    + control + ": " + e.getMessage(),
                    "run the command from the data directory (PostgreSQL does for archive_command), or pass "
                            + "--stream postgres-<system identifier>");
        }
    }
}
