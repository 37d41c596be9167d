package io.firedrill.api;

/** An object that should exist in the storage does not. */
public class ObjectNotFoundException extends FiredrillException {
    private static final long serialVersionUID = 1L;

    private final String objectName;

    /**
     * @param objectName the missing object's name
     * @param where the storage, as {@link io.firedrill.api.spi.Storage#describe()} gives it
     */
    public ObjectNotFoundException(String objectName, String where) {
        super(ErrorCode.OBJECT_NOT_FOUND, "object " + objectName + " is missing from " + where,
                "run verify() to list every backup this affects; restore from a copy of the repository if you have one");
        this.objectName = objectName;
    }

    /** The missing object's name. */
    public String objectName() {
        return objectName;
    }
}
