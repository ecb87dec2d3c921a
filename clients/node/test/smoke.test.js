'use strict';
// Smoke test of the Node client against a running Eventline server:
//   EVENTLINE_TARGET=127.0.0.1:50051 node --test test/
// Every run uses its own stream and group names (random suffix), so it can run against any store.

const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { EventlineClient, ExpectedVersion, errorDetails, errorInfo, status } = require('../src/eventline');

const client = new EventlineClient(process.env.EVENTLINE_TARGET || '127.0.0.1:50051');
const suffix = crypto.randomBytes(4).toString('hex');
const stream = `nodesmoke-${suffix}`;
const group = `nodesmoke-${suffix}`;
const ids = [crypto.randomUUID(), crypto.randomUUID()];
let lastAckId = null;
const events = [
  {
    event_id: ids[0],
    type: 'OrderPlaced',
    data: Buffer.from(JSON.stringify({ total: 42 })),
    content_type: 'application/json',
    metadata: { correlation_id: `c-${suffix}` },
  },
  { event_id: ids[1], type: 'OrderPaid', data: Buffer.from('{"paid":42}'), content_type: 'application/json' },
];

after(async () => {
  await client.deleteGroup(group).catch(() => {});
  client.close();
});

test('append with no_stream creates the stream at versions 1..2', { timeout: 20000 }, async () => {
  const res = await client.append(stream, events, ExpectedVersion.noStream());
  assert.equal(res.first_version, '1');
  assert.equal(res.last_version, '2');
  assert.equal(res.positions.length, 2);
  assert.equal(res.deduplicated, false);
  assert.ok(res.recorded_at && Number(res.recorded_at.seconds) > 0, 'recorded_at is set');
});

test('read back returns the events in version order, as appended', { timeout: 20000 }, async () => {
  const read = await client.read(stream);
  assert.deepEqual(read.map((e) => e.version), ['1', '2']);
  assert.deepEqual(read.map((e) => e.event_id), ids);
  assert.deepEqual(read.map((e) => e.type), ['OrderPlaced', 'OrderPaid']);
  assert.equal(read[0].stream, stream);
  assert.deepEqual(JSON.parse(read[0].data.toString()), { total: 42 });
  assert.equal(read[0].content_type, 'application/json');
  assert.deepEqual(read[0].metadata, { correlation_id: `c-${suffix}` });
  const backwards = await client.read({ stream, direction: 'READ_DIRECTION_BACKWARD', max_count: 1 });
  assert.deepEqual(backwards.map((e) => e.version), ['2']);
});

test('retrying the same append returns the original result (deduplicated)', { timeout: 20000 }, async () => {
  const res = await client.append(stream, events, ExpectedVersion.noStream());
  assert.equal(res.deduplicated, true);
  assert.equal(res.last_version, '2');
});

test('a stale expected version is ABORTED with ErrorInfo WRONG_EXPECTED_VERSION, nothing written', { timeout: 20000 }, async () => {
  const err = await client.append(stream, [{ type: 'OrderPlaced' }], ExpectedVersion.exact(0)).then(
    () => assert.fail('an append at a stale version succeeded'),
    (e) => e,
  );
  assert.equal(err.code, status.ABORTED, `status ${err.code}: ${err.details}`);
  const details = errorDetails(err);
  assert.equal(details.code, status.ABORTED);
  const info = errorInfo(err);
  assert.ok(info, `an ErrorInfo in ${JSON.stringify(details)}`);
  assert.equal(info.reason, 'WRONG_EXPECTED_VERSION');
  assert.equal(info.metadata.stream, stream);
  assert.equal(info.metadata.expected, '0');
  assert.equal(info.metadata.actual, '2');
  const read = await client.read(stream);
  assert.equal(read.length, 2, 'nothing was written');
});

test('a bad request is INVALID_ARGUMENT with a google.rpc.BadRequest naming the field', { timeout: 20000 }, async () => {
  const err = await client.append(stream, [{ type: '' }]).then(
    () => assert.fail('an event without a type was accepted'),
    (e) => e,
  );
  assert.equal(err.code, status.INVALID_ARGUMENT);
  const badRequest = errorDetails(err).details.find((d) => d['@type'] === 'google.rpc.BadRequest');
  assert.ok(badRequest, 'a BadRequest detail');
  assert.equal(badRequest.field_violations[0].field, 'events[0].type');
});

test('a consumer group delivers history and live events; acked deliveries leave nothing pending', { timeout: 30000 }, async () => {
  // the deadline ends the call (and fails the test) if the deliveries do not come
  const call = client.subscribe({ stream, group, consumer: 'worker-1', max_in_flight: 10 }, { deadline: Date.now() + 20000 });
  const deliveries = [];
  let confirmation = null;
  let appendedLive = false;
  try {
    for await (const msg of call) {
      if (confirmation === null) {
        assert.equal(msg.kind, 'confirmation', 'the first message is the confirmation');
        confirmation = msg.confirmation;
        assert.equal(confirmation.group, group);
        assert.equal(confirmation.consumer, 'worker-1');
        continue;
      }
      if (msg.kind !== 'delivery') continue; // heartbeats
      const d = msg.delivery;
      assert.ok(d.ack_id, 'a group delivery carries an ack_id');
      assert.equal(d.delivery_count, 1);
      deliveries.push(d);
      if (deliveries.length === 2 && !appendedLive) {
        appendedLive = true;
        await client.ack(group, deliveries.map((x) => x.ack_id));
        await client.append(stream, [{ type: 'OrderShipped' }], ExpectedVersion.exact(2));
      }
      if (deliveries.length === 3) {
        await client.ack(group, [d.ack_id]);
        lastAckId = d.ack_id;
        break;
      }
    }
  } finally {
    call.cancel();
  }
  assert.deepEqual(deliveries.map((d) => d.event.version), ['1', '2', '3']);
  assert.deepEqual(deliveries.map((d) => d.event.type), ['OrderPlaced', 'OrderPaid', 'OrderShipped']);
  const described = await client.describeGroup(group);
  assert.equal(described.group.group, group);
  assert.equal(described.group.stream, stream);
  assert.equal(described.pending, '0');
  assert.equal(described.lag, '0');
});

test('Ack: a malformed ack_id is INVALID_ARGUMENT, a group that does not exist NOT_FOUND', { timeout: 20000 }, async () => {
  const malformed = await client.ack(group, ['not-an-ack-id']).then(() => assert.fail('a malformed ack id was taken'), (e) => e);
  assert.equal(malformed.code, status.INVALID_ARGUMENT, `status ${malformed.code}: ${malformed.details}`);
  assert.ok(lastAckId, 'the group test kept an ack id');
  const missing = await client.ack(`nodesmoke-missing-${suffix}`, [lastAckId]).then(() => assert.fail('an ack on a missing group succeeded'), (e) => e);
  assert.equal(missing.code, status.NOT_FOUND, `status ${missing.code}: ${missing.details}`);
});
