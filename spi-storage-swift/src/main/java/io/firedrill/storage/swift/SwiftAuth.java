package io.firedrill.storage.swift;

import java.net.URI;

/**
 * How a {@link SwiftStorage} obtains a token and its storage URL: auth v1 (tempauth and compatible) or Keystone v3.
 * Implementations never print their secrets ({@code toString()} shows the URL and the user only).
 */
public sealed interface SwiftAuth permits TempAuth, KeystoneAuth {

    /**
     * Auth v1: {@code GET authUrl} with {@code X-Auth-User} and {@code X-Auth-Key}, as tempauth, swauth and many
     * providers' v1 endpoints answer.
     *
     * @param authUrl such as {@code https://swift.example.com/auth/v1.0}
     * @param user such as {@code account:user}
     * @param key the user's key; copied, so the caller may wipe its array
     */
    static SwiftAuth v1(URI authUrl, String user, char[] key) {
        return new TempAuth(authUrl, user, key);
    }

    /**
     * Keystone v3 password authentication scoped to a project; the storage URL is the {@code object-store}
     * endpoint of the token's service catalog (interface {@code public}, any region, unless set on the result).
     *
     * @param authUrl Keystone's base URL, such as {@code https://keystone.example.com/v3}
     * @param userDomain the user's domain name, such as {@code Default}
     * @param user the user name
     * @param password the password; copied, so the caller may wipe its array
     * @param projectDomain the project's domain name
     * @param project the project name
     */
    static KeystoneAuth keystone(URI authUrl, String userDomain, String user, char[] password, String projectDomain,
            String project) {
        return new KeystoneAuth(authUrl, userDomain, user, password, projectDomain, project, null, "public");
    }

    /** Where authentication happens, for messages. */
    URI authUrl();
}
