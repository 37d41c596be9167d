package io.firedrill.storage.swift;

import io.firedrill.api.InvalidConfigurationException;
import io.firedrill.api.StorageException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Locale;

/** Validation of authentication settings, and the errors of an authentication exchange. */
final class AuthChecks {
    private AuthChecks() {
    }

    static URI httpUrl(URI url, String setting) {
        if (url == null) {
            throw new InvalidConfigurationException(setting + " is missing", "give an http:// or https:// URL");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new InvalidConfigurationException(setting + " '" + redact(url) + "' is not an http(s) URL with a host",
                    "give a URL such as https://swift.example.com/auth/v1.0");
        }
        if (url.getRawUserInfo() != null) {
            throw new InvalidConfigurationException(setting + " '" + redact(url) + "' carries user info",
                    "give the user and key as separate settings, not in the URL");
        }
        return url;
    }

    static String nonBlank(String value, String setting) {
        if (value == null || value.isBlank()) {
            throw new InvalidConfigurationException(setting + " is missing or blank", "give a non-blank " + setting);
        }
        return value;
    }

    static char[] secret(char[] value, String setting) {
        if (value == null || value.length == 0) {
            throw new InvalidConfigurationException(setting + " is missing or empty", "give the " + setting);
        }
        return value.clone();
    }

    /** A URL without user info, query or fragment, for messages. */
    static String redact(URI url) {
        if (url.getHost() == null) {
            return url.getScheme() == null ? "(not a URL)" : url.getScheme() + ":…";
        }
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    static void requireSuccess(HttpResponse<?> response, SwiftAuth auth, String user) {
        int status = response.statusCode();
        if (status / 100 == 2) {
            return;
        }
        if (status == 401 || status == 403) {
            throw new StorageException("Swift refused the credentials of user '" + user + "' at "
                    + redact(auth.authUrl()) + " (HTTP " + status + ")",
                    "check the user and key (password), their domain and project, for example ST_USER/ST_KEY or "
                            + "OS_USERNAME/OS_PASSWORD", false, null);
        }
        if (status == 404) {
            throw new StorageException("no authentication service at " + redact(auth.authUrl()) + " (HTTP 404)",
                    "check the auth URL: auth v1 usually ends in /auth/v1.0, Keystone v3 in /v3", false, null);
        }
        throw new StorageException("authentication at " + redact(auth.authUrl()) + " failed with HTTP " + status,
                status >= 500 ? "the identity service failed; retry later" : null, status >= 500 || status == 429,
                null);
    }

    static StorageException malformed(SwiftAuth auth, String what) {
        return new StorageException("the authentication service at " + redact(auth.authUrl()) + " " + what,
                "check that the auth URL points at a Swift auth v1 or Keystone v3 service", false, null);
    }
}
