package io.firedrill.storage.swift;

import java.net.URI;

/**
 * A token and the storage URL it is valid for.
 *
 * @param value the token, sent as {@code X-Auth-Token}; never printed
 * @param storageUrl the account's URL, such as {@code https://swift.example.com/v1/AUTH_test}
 */
record SwiftToken(String value, URI storageUrl) {
    @Override
    public String toString() {
        return "token for " + storageUrl;
    }
}
