package io.eventline.server.grpc;

import com.google.protobuf.Descriptors;
import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.server.testing.LogCapture;
import io.eventline.server.testing.RawGrpcCall;
import io.eventline.server.testing.RedisExtension;
import io.eventline.server.testing.RequestFuzzer;
import io.eventline.server.testing.RunningServer;
import io.eventline.server.testing.TestRedis;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.protobuf.ProtoServiceDescriptorSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.eventline.server.testing.Fixtures.any;
import static io.eventline.server.testing.Fixtures.drain;
import static io.eventline.server.testing.Fixtures.append;
import static io.eventline.server.testing.Fixtures.event;
import static io.eventline.server.testing.Fixtures.read;
import static io.eventline.server.testing.Fixtures.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random and mutated request bodies to every method of every Eventline service (found from the
 * generated *Grpc classes), over Netty: no call may end UNKNOWN or INTERNAL, the log must hold no
 * stack trace, and the server must serve an append and a read afterwards. The seed is fixed and
 * printed; {@code -Deventline.fuzz.seed=N} replays another.
 */
@ExtendWith(RedisExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RequestFuzzTest {
    private static final int BODIES_PER_METHOD = 300;
    private static final int IN_FLIGHT = 32;
    private static final long UNARY_DEADLINE_MILLIS = 20_000;
    /** Server-streaming calls may stay open (a subscription): they end at this deadline. */
    private static final long STREAMING_DEADLINE_MILLIS = 500;

    @Test
    void noInputMakesTheServerFailOrLogAStackTrace(TestRedis redis) throws Exception {
        long seed = Long.getLong("eventline.fuzz.seed", 13L);
        System.out.println("RequestFuzzTest seed " + seed + " (replay with -Deventline.fuzz.seed=" + seed + ")");
        Random random = new Random(seed);
        List<ServiceDescriptor> services = eventlineServices();
        assertFalse(services.isEmpty());
        try (RunningServer server = RunningServer.start(redis)) {
            ManagedChannel channel = server.channel();
            List<String> failures = new ArrayList<>();
            Map<Status.Code, Integer> outcomes = new EnumMap<>(Status.Code.class);
            int calls = 0;
            try (LogCapture logs = LogCapture.start()) {
                for (ServiceDescriptor service : services) {
                    Descriptors.ServiceDescriptor schema = ((ProtoServiceDescriptorSupplier) service.getSchemaDescriptor()).getServiceDescriptor();
                    for (MethodDescriptor<?, ?> method : service.getMethods()) {
                        Descriptors.Descriptor requestType = schema.findMethodByName(method.getBareMethodName()).getInputType();
                        failures.addAll(fuzz(channel, method, new RequestFuzzer(requestType, random), outcomes));
                        calls += BODIES_PER_METHOD;
                    }
                }
                assertEquals(List.of(), failures.stream().limit(20).toList(), failures.size() + " calls ended UNKNOWN or INTERNAL (seed " + seed + "), the first 20 shown");
                assertEquals(List.of(), logs.stackTraces(), "stack traces logged (seed " + seed + ")");
            }
            System.out.println("RequestFuzzTest sent " + calls + " bodies to " + services.size() + " services: " + outcomes);
            assertServes(channel);
        }
    }

    /** Sends the bodies, {@link #IN_FLIGHT} at a time; describes each call that ended UNKNOWN or INTERNAL. */
    private static List<String> fuzz(ManagedChannel channel, MethodDescriptor<?, ?> method, RequestFuzzer fuzzer, Map<Status.Code, Integer> outcomes)
            throws InterruptedException {
        long deadline = method.getType() == MethodDescriptor.MethodType.UNARY ? UNARY_DEADLINE_MILLIS : STREAMING_DEADLINE_MILLIS;
        Semaphore slots = new Semaphore(IN_FLIGHT);
        List<String> failures = new ArrayList<>();
        List<CompletableFuture<?>> done = new ArrayList<>();
        for (int i = 0; i < BODIES_PER_METHOD; i++) {
            RequestFuzzer.Kind kind = fuzzer.nextKind();
            byte[] body = fuzzer.next(kind);
            slots.acquire();
            done.add(RawGrpcCall.send(channel, method, body, deadline).whenComplete((status, error) -> {
                slots.release();
                synchronized (outcomes) {
                    outcomes.merge(status == null ? Status.Code.UNKNOWN : status.getCode(), 1, Integer::sum);
                }
                if (status != null && (status.getCode() == Status.Code.UNKNOWN || status.getCode() == Status.Code.INTERNAL)) {
                    synchronized (failures) {
                        failures.add(method.getFullMethodName() + " " + kind + " -> " + status + " body " + hex(body));
                    }
                }
            }));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
        return failures;
    }

    private static void assertServes(ManagedChannel channel) {
        var events = EventStoreServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
        events.appendEvents(append("after-fuzz", any(), event("Checked")));
        assertEquals(List.of("Checked"), types(drain(events.readStream(read("after-fuzz").build()))));
    }

    /** The service descriptor of every generated *Grpc class in the package of the Eventline stubs. */
    private static List<ServiceDescriptor> eventlineServices() throws IOException, URISyntaxException, ReflectiveOperationException {
        Class<?> anchor = EventStoreServiceGrpc.class;
        String packagePath = anchor.getPackageName().replace('.', '/');
        Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> classNames = new ArrayList<>();
        if (Files.isDirectory(location)) {
            classNames.addAll(grpcClasses(location.resolve(packagePath)));
        }
        else {
            try (FileSystem jar = FileSystems.newFileSystem(location, Map.of())) {
                classNames.addAll(grpcClasses(jar.getPath(packagePath)));
            }
        }
        List<ServiceDescriptor> services = new ArrayList<>();
        for (String className : classNames.stream().sorted().toList()) {
            Class<?> grpc = Class.forName(anchor.getPackageName() + "." + className);
            services.add((ServiceDescriptor) grpc.getMethod("getServiceDescriptor").invoke(null));
        }
        assertTrue(services.stream().anyMatch(service -> service.getName().equals("eventline.v1.EventStoreService")));
        return services;
    }

    private static List<String> grpcClasses(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith("Grpc.class"))
                    .map(name -> name.substring(0, name.length() - ".class".length()))
                    .toList();
        }
    }

    private static String hex(byte[] body) {
        return HexFormat.of().formatHex(body, 0, Math.min(body.length, 64)) + (body.length > 64 ? "… (" + body.length + " bytes)" : "");
    }
}
