package io.eventline.server.grpc;

import com.google.protobuf.ByteString;
import io.eventline.proto.v1.AppendEventsRequest;
import io.eventline.proto.v1.EventData;
import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.proto.v1.GetStreamInfoRequest;
import io.eventline.proto.v1.StreamServiceGrpc;
import io.eventline.server.testing.LogCapture;
import io.eventline.server.testing.RawGrpcCall;
import io.eventline.server.testing.RedisExtension;
import io.eventline.server.testing.RunningServer;
import io.eventline.server.testing.TestRedis;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A request body that cannot be parsed is INVALID_ARGUMENT with a short reason, over Netty, and leaves no stack trace in the log. */
@ExtendWith(RedisExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MalformedRequestTest {
    private RunningServer server;
    private ManagedChannel channel;
    private LogCapture logs;

    @BeforeEach
    void start(TestRedis redis) {
        server = RunningServer.start(redis);
        channel = server.channel();
        logs = LogCapture.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        logs.close();
        server.close();
    }

    @Test
    void invalidUtf8InAStringFieldIsInvalidArgument() throws Exception {
        byte[] valid = AppendEventsRequest.newBuilder().setStream("order-1")
                .addEvents(EventData.newBuilder().setType("Placed").setData(ByteString.copyFromUtf8("{}"))).build().toByteArray();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(valid);
        // field 1 (stream), length 2: bytes that are not UTF-8
        body.write(new byte[] {0x0a, 0x02, (byte) 0xff, (byte) 0xfe});

        Status status = RawGrpcCall.send(channel, EventStoreServiceGrpc.getAppendEventsMethod(), body.toByteArray(), 10_000).get(20, TimeUnit.SECONDS);

        assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode(), status::toString);
        assertTrue(status.getDescription().contains("AppendEventsRequest"), status::getDescription);
        assertTrue(status.getDescription().contains("UTF-8"), status::getDescription);
        assertEquals(List.of(), logs.stackTraces());
    }

    @Test
    void garbageBodiesAreInvalidArgumentWithoutAStackTrace() throws Exception {
        for (int i = 0; i < 100; i++) {
            byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) i};
            Status unary = RawGrpcCall.send(channel, StreamServiceGrpc.getGetStreamInfoMethod(), garbage, 10_000).get(20, TimeUnit.SECONDS);
            Status streaming = RawGrpcCall.send(channel, EventStoreServiceGrpc.getReadStreamMethod(), garbage, 10_000).get(20, TimeUnit.SECONDS);

            assertEquals(Status.Code.INVALID_ARGUMENT, unary.getCode(), unary::toString);
            assertEquals(Status.Code.INVALID_ARGUMENT, streaming.getCode(), streaming::toString);
        }
        assertEquals(List.of(), logs.stackTraces());
    }

    @Test
    void aOneRequestMethodCalledWithNoneOrTwoIsInvalidArgument() throws Exception {
        byte[] request = GetStreamInfoRequest.newBuilder().setStream("order-1").build().toByteArray();

        Status none = RawGrpcCall.send(channel, StreamServiceGrpc.getGetStreamInfoMethod(), List.of(), 10_000).get(20, TimeUnit.SECONDS);
        Status two = RawGrpcCall.send(channel, StreamServiceGrpc.getGetStreamInfoMethod(), List.of(request, request), 10_000).get(20, TimeUnit.SECONDS);

        assertEquals(Status.Code.INVALID_ARGUMENT, none.getCode(), none::toString);
        // the server refuses at the second message, while the client may still be sending: Netty can reset the stream first
        assertTrue(two.getCode() == Status.Code.INVALID_ARGUMENT || two.getCode() == Status.Code.CANCELLED, two::toString);
        assertEquals(List.of(), logs.stackTraces());
    }

    @Test
    void anOversizedRequestIsResourceExhaustedWithoutAStackTrace() throws Exception {
        byte[] huge = AppendEventsRequest.newBuilder().setStream("order-1")
                .addEvents(EventData.newBuilder().setType("Big").setData(ByteString.copyFrom(new byte[9 * 1024 * 1024]))).build().toByteArray();

        Status status = RawGrpcCall.send(channel, EventStoreServiceGrpc.getAppendEventsMethod(), huge, 20_000).get(30, TimeUnit.SECONDS);

        assertEquals(Status.Code.RESOURCE_EXHAUSTED, status.getCode(), status::toString);
        assertEquals(List.of(), logs.stackTraces());
    }
}
