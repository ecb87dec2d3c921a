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
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Pins the SDK's public surface, read from its compiled classes: which packages hold public classes,
 * what of {@code io.eventline.client.internal} is public, that none of its types shows in what the API packages offer,
 * and where the API shows the wire types of {@code eventline-proto}.
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
    void internalKeepsPublicOnlyWhatTheClientAndItsBuilderAreWiredFrom() throws Exception {
        List<String> publicInternal = publicClasses().stream().filter(PublicApiTest::isInternal).map(Class::getSimpleName).sorted().toList();

        assertEquals(List.of("BearerTokenCredentials", "CallOptionsFactory", "ChannelFactory", "GrpcEventlineClient", "KeepAlive", "TlsSettings"),
                publicInternal);
    }

    @Test
    void theApiShowsNoInternalType() throws Exception {
        assertEquals(List.of(), apiMembersShowing(PublicApiTest::isInternal));
    }

    @Test
    void theApiShowsWireTypesOnlyInTheWireFormsOfItsValues() throws Exception {
        assertEquals(List.of(
                "public io.eventline.proto.v1.AllTarget io.eventline.client.subscribe.SubscriptionTarget.toAllTarget()",
                "public io.eventline.proto.v1.EventData io.eventline.client.append.EventData.toProto()",
                "public io.eventline.proto.v1.ExpectedVersion io.eventline.client.append.ExpectedVersion.toProto()",
                "public io.eventline.proto.v1.ReadStreamRequest io.eventline.client.read.ReadOptions.toProto(java.lang.String)",
                "public io.eventline.proto.v1.SubscriptionStart io.eventline.client.subscribe.SubscriptionStart.toProto()"),
                apiMembersShowing(type -> type != null && type.getPackageName().startsWith("io.eventline.proto")));
    }

    /** The public members (methods, constructors, fields) and supertypes of the API packages' public classes whose signature has a type {@code shown} accepts. */
    private static List<String> apiMembersShowing(Predicate<Class<?>> shown) throws Exception {
        List<String> showing = new ArrayList<>();
        for (Class<?> type : publicClasses()) {
            if (isInternal(type)) {
                continue;
            }
            if (shown.test(type.getSuperclass()) || Arrays.stream(type.getInterfaces()).anyMatch(shown)) {
                showing.add(type.getName() + " extends a type it should not show");
            }
            for (Method method : type.getDeclaredMethods()) {
                if (Modifier.isPublic(method.getModifiers()) && (shown.test(method.getReturnType()) || takes(method, shown))) {
                    showing.add(method.toString());
                }
            }
            for (Field field : type.getFields()) {
                if (shown.test(field.getType())) {
                    showing.add(field.toString());
                }
            }
            for (Constructor<?> constructor : type.getConstructors()) {
                if (takes(constructor, shown)) {
                    showing.add(constructor.toString());
                }
            }
        }
        return showing.stream().sorted().toList();
    }

    private static boolean takes(Executable executable, Predicate<Class<?>> shown) {
        return Arrays.stream(executable.getParameterTypes()).anyMatch(shown);
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
