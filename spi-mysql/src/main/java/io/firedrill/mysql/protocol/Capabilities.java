package io.firedrill.mysql.protocol;

/** The client/server capability flags this client uses. */
final class Capabilities {
    static final long LONG_PASSWORD = 0x1;
    static final long LONG_FLAG = 0x4;
    static final long PROTOCOL_41 = 0x200;
    static final long TRANSACTIONS = 0x2000;
    static final long SECURE_CONNECTION = 0x8000;
    static final long PLUGIN_AUTH = 0x80000;
    static final long PLUGIN_AUTH_LENENC_CLIENT_DATA = 0x200000;

    /** What the client asks for: protocol 4.1 with plugin authentication, no TLS, no compression, EOF packets. */
    static final long CLIENT = LONG_PASSWORD | LONG_FLAG | PROTOCOL_41 | TRANSACTIONS | SECURE_CONNECTION
            | PLUGIN_AUTH | PLUGIN_AUTH_LENENC_CLIENT_DATA;

    private Capabilities() {
    }
}
