package io.firedrill.mysql.binlog;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;

/**
 * A binlog file is damaged: an event fails its CRC32, the magic number is wrong, or a header is impossible. Its
 * code is {@link ErrorCode#CORRUPT_OBJECT}; {@link #position()} is the file offset of the offending event.
 */
public class CorruptBinlogException extends FiredrillException {
    private static final long serialVersionUID = 1L;

    private final long position;

    /**
     * @param position the file offset of the damaged event (0 for the magic number)
     * @param message what is wrong, including the position
     */
    public CorruptBinlogException(long position, String message) {
        super(ErrorCode.CORRUPT_OBJECT, message,
                "fetch the file again from the server or another archive copy; do not replay past " + position);
        this.position = position;
    }

    /** The file offset of the damaged event. */
    public long position() {
        return position;
    }
}
