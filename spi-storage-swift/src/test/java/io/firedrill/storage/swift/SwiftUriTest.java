package io.firedrill.storage.swift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.InvalidConfigurationException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How URIs and environment variables become settings; no server involved. */
class SwiftUriTest {
    private static final Map<String, String> ST = Map.of("ST_AUTH", "https://swift.example.com/auth/v1.0",
            "ST_USER", "acct:me", "ST_KEY", "st-secret");
    private static final Map<String, String> OS = Map.of("OS_AUTH_URL", "https://keystone.example.com/v3",
            "OS_USERNAME", "me", "OS_PASSWORD", "os-secret", "OS_PROJECT_NAME", "backups",
            "OS_USER_DOMAIN_NAME", "Users", "OS_REGION_NAME", "RegionTwo", "OS_INTERFACE", "internalURL");

    @Test
    void stVariablesGiveAuthV1AndThePathGivesThePrefix() {
        SwiftStorageBuilder builder = SwiftUri.parse(URI.create("swift://backups/prod/db1/"), ST);

        assertEquals("SwiftStorageBuilder{auth v1 at https://swift.example.com/auth/v1.0 as acct:me, "
                + "container backups, prefix 'prod/db1/'}", builder.toString());
        assertFalse(builder.toString().contains("st-secret"));
    }

    @Test
    void osVariablesGiveKeystoneWithDomainsRegionAndInterface() {
        SwiftStorageBuilder builder = SwiftUri.parse(URI.create("swift://backups"), OS);

        assertEquals("SwiftStorageBuilder{Keystone v3 at https://keystone.example.com/v3 as Users/me in project "
                + "Default/backups (internal endpoint, region RegionTwo), container backups, prefix ''}",
                builder.toString());
    }

    @Test
    void queryParametersWinOverTheEnvironment() {
        SwiftStorageBuilder builder = SwiftUri.parse(URI.create(
                "swift://c/p?auth_url=http://127.0.0.1:8080/auth/v1.0&user=test:tester&key=testing"), ST);

        assertTrue(builder.toString().contains("auth v1 at http://127.0.0.1:8080/auth/v1.0 as test:tester"),
                builder.toString());
    }

    @Test
    void authVersionThreeSelectsKeystoneEvenWhenStVariablesExist() {
        SwiftStorageBuilder builder = SwiftUri.parse(URI.create("swift://c?auth_version=3&auth_url="
                + "https://k.example.com/v3&user=u&password=p&project=proj"), ST);

        assertTrue(builder.toString().contains("Keystone v3 at https://k.example.com/v3 as Default/u in project "
                + "Default/proj (public endpoint)"), builder.toString());
    }

    @Test
    void incompleteKeystoneCredentialsNameTheVariables() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> SwiftUri.parse(URI.create("swift://c"), Map.of("OS_AUTH_URL", "https://k/v3",
                        "OS_USERNAME", "u", "OS_PASSWORD", "p")));

        assertTrue(e.hint().contains("OS_PROJECT_NAME"), e.hint());
    }

    @Test
    void messagesNeverShowTheQuery() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> SwiftUri.parse(URI.create("swift://c?key=hunter2&colour=red"), ST));

        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertTrue(e.getMessage().contains("unknown parameter 'colour'"), e.getMessage());
    }

    @Test
    void authObjectsNeverPrintTheirSecrets() {
        SwiftAuth v1 = SwiftAuth.v1(URI.create("https://s/auth/v1.0"), "a:u", "v1-secret".toCharArray());
        SwiftAuth v3 = SwiftAuth.keystone(URI.create("https://k/v3"), "D", "u", "v3-secret".toCharArray(), "D", "p");

        assertFalse(v1.toString().contains("v1-secret"));
        assertFalse(v3.toString().contains("v3-secret"));
        assertInstanceOf(KeystoneAuth.class, v3);
    }

    @Test
    void keystoneTokensUrlIsDerivedFromTheBaseUrl() {
        assertEquals(URI.create("https://k/v3/auth/tokens"), KeystoneAuth.tokensUrl(URI.create("https://k/v3")));
        assertEquals(URI.create("https://k/v3/auth/tokens"), KeystoneAuth.tokensUrl(URI.create("https://k/v3/")));
        assertEquals(URI.create("https://k:5000/v3/auth/tokens"), KeystoneAuth.tokensUrl(URI.create("https://k:5000")));
        assertEquals(URI.create("https://k/identity/v3/auth/tokens"),
                KeystoneAuth.tokensUrl(URI.create("https://k/identity/v3/auth/tokens")));
    }
}
