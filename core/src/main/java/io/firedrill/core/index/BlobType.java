package io.firedrill.core.index;

/** What a blob holds; each type is packed separately so metadata can be read without touching data packs. */
public enum BlobType {
    /** A chunk of source data. */
    DATA("data"),
    /** A chunk of a backup manifest. */
    MANIFEST("manifest");

    private final String code;

    BlobType(String code) {
        this.code = code;
    }

    /** The name used in index files and pack trailers. */
    public String code() {
        return code;
    }

    /** Parses {@link #code()}. */
    public static BlobType ofCode(String code) {
        for (BlobType t : values()) {
            if (t.code.equals(code)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown blob type '" + code + "'");
    }
}
