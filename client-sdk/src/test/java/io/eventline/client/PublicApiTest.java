package io.eventline.client;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Pins the SDK's public surface, read from its compiled classes: which packages hold public classes,
 * and that no type of {@code io.eventline.client.internal} shows in what the API packages offer.
 */
class PublicApiTest {
    private static final String INTERNAL = "io.eventline.client.internal";

    @Test
    void publicClassesLiveInTheApiPackagesAndInternal() throws Exception {
        Set<String> packages = new TreeSet<>();
        publicClasses().forEach(type -> packages.add(type.getPackageName()));

        assertEquals(new TreeSet<>(List.of("io.eventline.client", "io.eventline.client.admin", "io.eventline.client.aggregate",
                "io.eventline.client.append", "io.eventline.client.dispatch", INTERNAL, "io.eventline.client.projection",
                "io.eventline.client.read", "io.eventline.client.serialization", "io.eventline.client.subscribe")), packages);
    }

    @Test
    void theApiShowsNoInternalType() throws Exception {
        List<String> leaks = new ArrayList<>();
        for (Class<?> type : publicClasses()) {
            if (type.getPackageName().equals(INTERNAL)) {
                continue;
            }
            if (isInternal(type.getSuperclass()) || Arrays.stream(type.getInterfaces()).anyMatch(PublicApiTest::isInternal)) {
                leaks.add(type.getName() + " extends an internal type");
            }
            for (Method method : type.getMethods()) {
                if (isInternal(method.getReturnType()) || takesInternal(method)) {
                    leaks.add(method.toString());
                }
            }
            for (Field field : type.getFields()) {
                if (isInternal(field.getType())) {
                    leaks.add(field.toString());
                }
            }
            for (Constructor<?> constructor : type.getConstructors()) {
                if (takesInternal(constructor)) {
                    leaks.add(constructor.toString());
                }
            }
        }

        assertEquals(List.of(), leaks);
    }

    private static boolean takesInternal(Executable executable) {
        return Arrays.stream(executable.getParameterTypes()).anyMatch(PublicApiTest::isInternal);
    }

    private static boolean isInternal(Class<?> type) {
        return type != null && type.getPackageName().equals(INTERNAL);
    }

    /** The public top-level and nested classes compiled into the SDK (what its jar holds). */
    private static List<Class<?>> publicClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(EventlineClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".").replaceAll("\\.class$", "");
                if (name.endsWith("package-info")) {
                    continue;
                }
                Class<?> type = Class.forName(name, false, PublicApiTest.class.getClassLoader());
                if (isVisible(type)) {
                    found.add(type);
                }
            }
        }
        return found;
    }

    /** Public, and so are the classes it is nested in. */
    private static boolean isVisible(Class<?> type) {
        for (Class<?> current = type; current != null; current = current.getEnclosingClass()) {
            if (!Modifier.isPublic(current.getModifiers()) || current.isAnonymousClass() || current.isLocalClass()) {
                return false;
            }
        }
        return true;
    }
}
