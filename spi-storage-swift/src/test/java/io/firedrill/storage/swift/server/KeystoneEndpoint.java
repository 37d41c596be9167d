package io.firedrill.storage.swift.server;

import java.net.URI;

/**
 * How to reach the local Keystone v3 and the Swift proxy it guards: Keystone's bootstrap admin (domain
 * {@code Default}, project {@code admin}), whose token catalog lists that proxy as the {@code object-store} endpoint
 * of region {@code RegionOne}, interface {@code public}.
 *
 * @param authUrl Keystone's v3 URL, such as {@code http://127.0.0.1:PORT/v3}
 * @param user the user name
 * @param password the password
 * @param domain the user's and the project's domain
 * @param project the project
 * @param region the region of the object-store endpoint
 */
public record KeystoneEndpoint(URI authUrl, String user, String password, String domain, String project,
        String region) {
    @Override
    public String toString() {
        return "Keystone at " + authUrl + " (user " + user + ", project " + project + ")";
    }
}
