'use strict';
// A small Node client for Eventline (gRPC package eventline.v1).
//
// The service definitions are loaded at run time from the .proto files (by default the repository's
// proto/src/main/proto; EVENTLINE_PROTO_DIR points elsewhere, e.g. at the protos unpacked from the
// eventline-proto jar). Messages are plain objects with the proto field names (snake_case);
// uint64 fields come back as decimal strings, enums as their names, bytes as Buffers, and a oneof
// carries the name of its set field (e.g. SubscribeResponse.kind === 'delivery').
//
// Error details: the server puts a google.rpc.Status into the grpc-status-details-bin trailer;
// errorDetails(err) decodes it (google.rpc.ErrorInfo and google.rpc.BadRequest are understood).

const path = require('node:path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const protobuf = require('protobufjs');

const DEFAULT_TARGET = '127.0.0.1:50051';
const PROTO_DIR = process.env.EVENTLINE_PROTO_DIR
  || path.resolve(__dirname, '..', '..', '..', 'proto', 'src', 'main', 'proto');
const PROTO_FILES = [
  'eventline/v1/event_store.proto',
  'eventline/v1/streams.proto',
  'eventline/v1/subscriptions.proto',
];

const packageDefinition = protoLoader.loadSync(PROTO_FILES, {
  includeDirs: [PROTO_DIR],
  keepCase: true, // field names as in the .proto files
  longs: String, // uint64 versions and counts as decimal strings
  enums: String,
  defaults: true,
  oneofs: true, // a oneof's name holds the name of its set field
});
const v1 = grpc.loadPackageDefinition(packageDefinition).eventline.v1;

// google.rpc.Status and the error details Eventline sends: the fields of googleapis'
// google/rpc/status.proto and google/rpc/error_details.proto that it uses (same names and numbers).
const rpcRoot = protobuf.Root.fromJSON({
  nested: {
    google: {
      nested: {
        protobuf: {
          nested: {
            Any: { fields: { type_url: { type: 'string', id: 1 }, value: { type: 'bytes', id: 2 } } },
          },
        },
        rpc: {
          nested: {
            Status: {
              fields: {
                code: { type: 'int32', id: 1 },
                message: { type: 'string', id: 2 },
                details: { rule: 'repeated', type: 'google.protobuf.Any', id: 3 },
              },
            },
            ErrorInfo: {
              fields: {
                reason: { type: 'string', id: 1 },
                domain: { type: 'string', id: 2 },
                metadata: { keyType: 'string', type: 'string', id: 3 },
              },
            },
            BadRequest: {
              fields: { field_violations: { rule: 'repeated', type: 'FieldViolation', id: 1 } },
              nested: {
                FieldViolation: {
                  fields: { field: { type: 'string', id: 1 }, description: { type: 'string', id: 2 } },
                },
              },
            },
          },
        },
      },
    },
  },
});
const RpcStatus = rpcRoot.lookupType('google.rpc.Status');

/**
 * Decodes the google.rpc.Status a failed call carried in its grpc-status-details-bin trailer.
 * Returns { code, message, details: [{ '@type': 'google.rpc.ErrorInfo', reason, domain, metadata }, ...] },
 * or null when the error has no such trailer. Details of unknown types keep their raw `value`.
 */
function errorDetails(err) {
  const values = err && err.metadata ? err.metadata.get('grpc-status-details-bin') : [];
  if (!values || values.length === 0) return null;
  const status = RpcStatus.decode(Buffer.from(values[0]));
  return {
    code: status.code,
    message: status.message,
    details: status.details.map((any) => {
      const typeName = any.type_url.slice(any.type_url.lastIndexOf('/') + 1);
      let type = null;
      try {
        type = rpcRoot.lookupType(typeName);
      } catch (e) {
        // a detail type this client does not know
      }
      const fields = type
        ? type.toObject(type.decode(any.value), { defaults: true })
        : { value: Buffer.from(any.value) };
      return { '@type': typeName, ...fields };
    }),
  };
}

/** The first google.rpc.ErrorInfo of a failed call ({ reason, domain, metadata }), or null. */
function errorInfo(err) {
  const status = errorDetails(err);
  const info = status && status.details.find((d) => d['@type'] === 'google.rpc.ErrorInfo');
  return info || null;
}

/** ExpectedVersion values for AppendEvents and DeleteStream. */
const ExpectedVersion = Object.freeze({
  any: () => ({ any: {} }),
  noStream: () => ({ no_stream: {} }),
  streamExists: () => ({ stream_exists: {} }),
  exact: (version) => ({ exact: String(version) }),
});

function unary(client, method, request, deadlineMs) {
  return new Promise((resolve, reject) => {
    client[method](request, { deadline: Date.now() + deadlineMs }, (err, response) => {
      if (err) reject(err);
      else resolve(response);
    });
  });
}

/**
 * A connection to one Eventline server. Unary calls return Promises; ReadStream is collected into
 * an array by read() (or streamed by readStream()); subscribe() returns the server-streaming call,
 * a Readable of SubscribeResponse objects (use `for await`, and call.cancel() to end it).
 */
class EventlineClient {
  constructor(target = process.env.EVENTLINE_TARGET || DEFAULT_TARGET, options = {}) {
    const credentials = options.credentials || grpc.credentials.createInsecure();
    this.target = target;
    this.deadlineMs = options.deadlineMs || 10000;
    this.store = new v1.EventStoreService(target, credentials);
    // The other services share the first client's channel.
    const shared = { channelOverride: this.store.getChannel() };
    this.streams = new v1.StreamService(target, credentials, shared);
    this.groups = new v1.ConsumerGroupService(target, credentials, shared);
  }

  /** AppendEvents: events are { type, data?, content_type?, event_id?, metadata? }. */
  append(stream, events, expectedVersion = ExpectedVersion.any()) {
    return unary(this.store, 'AppendEvents',
      { stream, expected_version: expectedVersion, events }, this.deadlineMs);
  }

  /** ReadStream as a server-streaming call (a Readable of { events: [...] } batches). */
  readStream(request) {
    return this.store.ReadStream(request, { deadline: Date.now() + this.deadlineMs });
  }

  /** ReadStream, every batch collected: resolves to the RecordedEvents in read order. */
  async read(request) {
    const events = [];
    for await (const batch of this.readStream(typeof request === 'string' ? { stream: request } : request)) {
      events.push(...batch.events);
    }
    return events;
  }

  /**
   * Subscribe: the call, a Readable of SubscribeResponse; call.cancel() ends it.
   * callOptions may set a deadline ({ deadline: Date.now() + ms }); by default the call is open-ended.
   */
  subscribe(request, callOptions = {}) {
    return this.store.Subscribe(request, callOptions);
  }

  ack(group, ackIds) {
    return unary(this.store, 'Ack', { group, ack_ids: ackIds }, this.deadlineMs);
  }

  nack(group, ackIds, action, { retryDelay, reason } = {}) {
    return unary(this.store, 'Nack',
      { group, ack_ids: ackIds, action, retry_delay: retryDelay, reason }, this.deadlineMs);
  }

  /** Any unary RPC: call('groups', 'DescribeGroup', { group }). */
  call(service, method, request = {}) {
    return unary(this[service], method, request, this.deadlineMs);
  }

  describeGroup(group) {
    return this.call('groups', 'DescribeGroup', { group });
  }

  deleteGroup(group) {
    return this.call('groups', 'DeleteGroup', { group });
  }

  getStreamInfo(stream) {
    return this.call('streams', 'GetStreamInfo', { stream });
  }

  close() {
    this.groups.close();
    this.streams.close();
    this.store.close();
  }
}

module.exports = {
  DEFAULT_TARGET,
  PROTO_DIR,
  EventlineClient,
  ExpectedVersion,
  errorDetails,
  errorInfo,
  grpc,
  status: grpc.status,
  v1,
};
