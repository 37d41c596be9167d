package io.firedrill.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FluentConfigurationTest {

    @Test
    void settersValidateAtOnceAndNameTheSetting() {
        FluentConfiguration c = Firedrill.configure();
        assertTrue(assertThrows(InvalidConfigurationException.class, () -> c.parallelism(0)).getMessage()
                .startsWith("parallelism must be within 1..256, was 0"));
        assertTrue(assertThrows(InvalidConfigurationException.class, () -> c.packSize(10)).getMessage()
                .contains("packSize"));
        assertTrue(assertThrows(InvalidConfigurationException.class, () -> c.lockExpiry(Duration.ofMillis(5)))
                .getMessage().contains("lockExpiry"));
        assertTrue(assertThrows(InvalidConfigurationException.class, () -> c.repository("not a uri")).getMessage()
                .contains("'not a uri' is not a URI"));
        assertThrows(InvalidConfigurationException.class, () -> c.passphrase(new char[0]));
    }

    @Test
    void buildNeedsARepository() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> Firedrill.configure().build());
        assertTrue(e.hint().contains("repository("), e.hint());
    }

    @Test
    void configurationIsImmutableAndHidesSecrets() {
        char[] secret = "hunter2".toCharArray();
        FluentConfiguration fluent = Firedrill.configure().repository(Path.of("/tmp/repo")).passphrase(secret)
                .parallelism(3);
        Configuration built = fluent.build();
        secret[0] = 'X';
        fluent.parallelism(5);
        assertEquals(3, built.parallelism());
        assertEquals("hunter2", new String(built.passphrase().orElseThrow()));
        assertFalse(built.toString().contains("hunter2"), built.toString());
        assertTrue(built.repository().startsWith("file:///tmp/repo"), built.repository());
    }
}
