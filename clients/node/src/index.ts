// @eventline/client: the generated eventline.v1 (messages, enums, service descriptors), clients of
// its three services over one gRPC connection, and the declared reason of a failed call.
import { ConnectError, createClient, type Client } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { ErrorReason } from "./gen/eventline/v1/errors_pb.js";
import { EventStoreService } from "./gen/eventline/v1/event_store_pb.js";
import { StreamService } from "./gen/eventline/v1/streams_pb.js";
import { ConsumerGroupService } from "./gen/eventline/v1/subscriptions_pb.js";
import { ErrorInfoSchema, type ErrorInfo } from "./gen/google/rpc/error_details_pb.js";

export * from "./gen/eventline/v1/errors_pb.js";
export * from "./gen/eventline/v1/event_store_pb.js";
export * from "./gen/eventline/v1/events_pb.js";
export * from "./gen/eventline/v1/streams_pb.js";
export * from "./gen/eventline/v1/subscriptions_pb.js";
export * from "./gen/google/rpc/error_details_pb.js";
export { Code, ConnectError } from "@connectrpc/connect";

export interface Eventline {
  store: Client<typeof EventStoreService>;
  groups: Client<typeof ConsumerGroupService>;
  streams: Client<typeof StreamService>;
}

/** Clients of the three services, sharing one HTTP/2 connection to `target` (host:port, plaintext). */
export function connect(target: string): Eventline {
  const transport = createGrpcTransport({ baseUrl: `http://${target}` });
  return {
    store: createClient(EventStoreService, transport),
    groups: createClient(ConsumerGroupService, transport),
    streams: createClient(StreamService, transport),
  };
}

/**
 * The google.rpc.ErrorInfo of a failed call, with its reason as the declared ErrorReason
 * (UNSPECIFIED for a reason newer than this package), or undefined when it carries none.
 * On the wire the reason is the enum value's name without the ERROR_REASON_ prefix, which is
 * the name protoc-gen-es gives the value: "WRONG_EXPECTED_VERSION" is ErrorReason.WRONG_EXPECTED_VERSION.
 */
export function errorInfo(error: unknown): { reason: ErrorReason; info: ErrorInfo } | undefined {
  const [info] = ConnectError.from(error).findDetails(ErrorInfoSchema);
  if (info === undefined) {
    return undefined;
  }
  const reason: unknown = (ErrorReason as unknown as Record<string, unknown>)[info.reason];
  return { reason: typeof reason === "number" ? reason : ErrorReason.UNSPECIFIED, info }; // not the enum's reverse (number to name) entries
}
