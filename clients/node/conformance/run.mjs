// Runs clients/conformance.json against a server with the installed @eventline/client package, as
// the Go and Python clients do. smoke-test copies this file into a project outside the repository
// that installed the package's tarball, and runs it there.
// Usage: node run.mjs conformance.json      (EVENTLINE_TARGET=host:port, default 127.0.0.1:50051)
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { deepStrictEqual } from "node:assert/strict";
import { connect, errorInfo, Code, ConnectError, ErrorReason, NackAction } from "@eventline/client";

const target = process.env.EVENTLINE_TARGET || "127.0.0.1:50051";
const { steps } = JSON.parse(readFileSync(process.argv[2], "utf8"));
const eventline = connect(target);
const suffix = randomBytes(6).toString("hex");
const names = { "{stream}": `conformance_node${suffix}-1`, "{group}": `conformance-node-${suffix}` };
const text = new TextDecoder();

// Fills the placeholders in every string of a step.
function substitute(value) {
  if (typeof value === "string") {
    return Object.entries(names).reduce((filled, [placeholder, name]) => filled.replaceAll(placeholder, name), value);
  }
  if (Array.isArray(value)) return value.map(substitute);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, substitute(inner)]));
  }
  return value;
}

function expectedVersion(expected) {
  if (typeof expected === "object") return { kind: { case: "exact", value: BigInt(expected.exact) } };
  const cases = { any: "any", no_stream: "noStream", stream_exists: "streamExists" };
  return { kind: { case: cases[expected], value: {} } };
}

function compareEvents(events, expect) {
  deepStrictEqual(events.map((e) => e.type), expect.types, "types");
  if (expect.versions) deepStrictEqual(events.map((e) => Number(e.version)), expect.versions, "versions");
  if (expect.data) deepStrictEqual(events.map((e) => text.decode(e.data)), expect.data, "data");
  if (expect.streams) deepStrictEqual(events.map((e) => e.stream), expect.streams, "streams");
}

async function readEvents(request) {
  const events = [];
  for await (const batch of eventline.store.readStream(request, { timeoutMs: 20000 })) events.push(...batch.events);
  return events;
}

// The status code's canonical name, e.g. Code.FailedPrecondition is FAILED_PRECONDITION.
const codeName = (code) => Code[code].replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();

async function append(step) {
  const request = {
    stream: step.stream,
    expectedVersion: expectedVersion(step.expected_version),
    events: step.events.map((e) => ({ eventId: e.event_id, type: e.type, data: new TextEncoder().encode(e.data) })),
  };
  let appended;
  try {
    appended = await eventline.store.appendEvents(request, { timeoutMs: 20000 });
  } catch (error) {
    if (!step.expect_error) throw error;
    deepStrictEqual(codeName(ConnectError.from(error).code), step.expect_error.code, "status code");
    const { reason, info } = errorInfo(error);
    deepStrictEqual(ErrorReason[reason], step.expect_error.reason, "reason");
    for (const [key, value] of Object.entries(step.expect_error.metadata)) deepStrictEqual(info.metadata[key], value, `metadata ${key}`);
    return;
  }
  if (step.expect_error) throw new Error(`succeeded; expected ${step.expect_error.code}`);
  if (step.save_first_position_as) names[`{${step.save_first_position_as}}`] = appended.positions[0];
  deepStrictEqual(Number(appended.firstVersion), step.expect.first_version, "first_version");
  deepStrictEqual(Number(appended.lastVersion), step.expect.last_version, "last_version");
  deepStrictEqual(appended.deduplicated, step.expect.deduplicated, "deduplicated");
}

const settlers = {
  ack: (group, ackId) => eventline.store.ack({ group, ackIds: [ackId] }),
  nack_park: (group, ackId) => eventline.store.nack({ group, ackIds: [ackId], action: NackAction.PARK, reason: "conformance" }),
};

// Takes one delivery per entry of step.settle, settling each as that entry says, then ends the call.
async function subscribeGroup(step) {
  const call = new AbortController();
  const delivered = [];
  const subscription = eventline.store.subscribe(
    { target: { case: "stream", value: step.stream }, group: step.group, consumer: "conformance" },
    { signal: call.signal, timeoutMs: 20000 },
  );
  for await (const message of subscription) {
    if (message.kind.case !== "delivery") continue; // the confirmation, heartbeats
    const { ackId, event } = message.kind.value;
    await settlers[step.settle[delivered.length]](step.group, ackId);
    delivered.push(event);
    if (delivered.length === step.settle.length) break; // ends the call
  }
  call.abort();
  compareEvents(delivered, step.expect);
}

const operations = {
  append,
  read_stream: async (step) => compareEvents(await readEvents({ stream: step.stream }), step.expect),
  read_all: async (step) =>
    compareEvents(await readEvents({ stream: "$all", fromPosition: step.from_position, maxCount: BigInt(step.max_count) }), step.expect),
  subscribe_group: subscribeGroup,
  describe_group: async (step) => {
    const described = await eventline.groups.describeGroup({ group: step.group }, { timeoutMs: 20000 });
    deepStrictEqual({ parked: Number(described.parked), pending: Number(described.pending) }, step.expect);
  },
};

for (const [index, raw] of steps.entries()) {
  const step = substitute(raw);
  try {
    await operations[step.op](step);
  } catch (error) {
    console.error(`node conformance: FAILED: step ${index + 1} (${step.op}):`, error);
    process.exit(1);
  }
  console.log(`ok  step ${index + 1}: ${step.op}`);
}
console.log(`node conformance: ${steps.length} steps passed against ${target}`);
