package io.firedrill.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The api module exposes no third-party type: every public signature uses only java.* and io.firedrill.api.* types. */
class ApiSurfaceTest {

    @Test
    void publicSignaturesUseOnlyJdkAndApiTypes() throws Exception {
        List<String> offenders = new ArrayList<>();
        for (Class<?> type : apiClasses()) {
            if (!Modifier.isPublic(type.getModifiers())) {
                continue;
            }
            for (Method m : type.getDeclaredMethods()) {
                if (!Modifier.isPublic(m.getModifiers())) {
                    continue;
                }
                check(offenders, type, m.getGenericReturnType());
                for (Type p : m.getGenericParameterTypes()) {
                    check(offenders, type, p);
                }
            }
        }
        assertEquals(List.of(), offenders);
    }

    private static void check(List<String> offenders, Class<?> owner, Type type) {
        String name = type.getTypeName();
        for (String token : name.split("[<>,\\[\\] ?]+")) {
            if (token.isEmpty() || token.equals("extends") || token.equals("super") || !token.contains(".")) {
                continue;
            }
            if (!token.startsWith("java.") && !token.startsWith("io.firedrill.api")) {
                offenders.add(owner.getName() + " exposes " + token);
            }
        }
    }

    private static List<Class<?>> apiClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(Firedrill.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
                classes.add(Class.forName(name));
            }
        }
        return classes;
    }
}
