package io.firedrill.api;

/** A stored object failed its integrity check: its bytes are not the bytes Firedrill wrote. */
public class CorruptObjectException extends FiredrillException {
    private static final long serialVersionUID = 1L;

    private final String objectName;

    /**
     * @param objectName the damaged object (a storage object name, or {@code pack/blob} for a blob)
     * @param reason what check failed
     */
    public CorruptObjectException(String objectName, String reason) {
        this(objectName, reason, null);
    }

    /**
     * @param objectName the damaged object
     * @param reason what check failed
     * @param cause the underlying failure, or {@code null}
     */
    public CorruptObjectException(String objectName, String reason, Throwable cause) {
        super(ErrorCode.CORRUPT_OBJECT, "object " + objectName + " is corrupt: " + reason,
                "run verify().readData(ReadData.all()) to list every damaged object and the backups it affects",
                cause);
        this.objectName = objectName;
    }

    /** The damaged object's name. */
    public String objectName() {
        return objectName;
    }
}
