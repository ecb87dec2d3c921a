#!/usr/bin/python3
"""Smoke test of Eventline from Python, through stubs generated from the protos at run time.

    EVENTLINE_TARGET=127.0.0.1:50051 /usr/bin/python3 clients/python/smoke_test.py

Needs grpcio and grpcio-tools (Debian: python3-grpcio, python3-grpc-tools; clients/python/smoke-test
installs them). The stubs are generated with `python3 -m grpc_tools.protoc` from
proto/src/main/proto (or EVENTLINE_PROTO_DIR) into a temporary directory, removed at the end.
Each run uses its own stream and group names (random suffix), so it can run against any store.
Ends with the line 'python smoke: N passed, M failed' and exits non-zero on any failure.
"""

import importlib
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import unittest
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
PROTO_DIR = os.environ.get("EVENTLINE_PROTO_DIR") or os.path.join(HERE, "..", "..", "proto", "src", "main", "proto")
TARGET = os.environ.get("EVENTLINE_TARGET") or "127.0.0.1:50051"
PROTO_FILES = ["eventline/v1/events.proto", "eventline/v1/event_store.proto",
               "eventline/v1/streams.proto", "eventline/v1/subscriptions.proto"]

# The fields of googleapis' google/rpc/status.proto and google/rpc/error_details.proto that
# Eventline sends (same package, names and numbers, so Any.Unpack recognises them). Debian has no
# googleapis-common-protos for Python; this keeps the test on python3-grpcio + python3-grpc-tools.
RPC_PROTO = """
syntax = "proto3";
package google.rpc;
import "google/protobuf/any.proto";
message Status {
  int32 code = 1;
  string message = 2;
  repeated google.protobuf.Any details = 3;
}
message ErrorInfo {
  string reason = 1;
  string domain = 2;
  map<string, string> metadata = 3;
}
message BadRequest {
  message FieldViolation {
    string field = 1;
    string description = 2;
  }
  repeated FieldViolation field_violations = 1;
}
"""


def generate_stubs(out):
    """Generates the eventline.v1 messages and stubs (and google.rpc's) into `out`."""
    import grpc_tools

    # the well-known types (google/protobuf/*.proto) that grpc_tools ships
    wkt = os.path.join(os.path.dirname(grpc_tools.__file__), "_proto")
    rpc_dir = os.path.join(out, "_rpc_protos")
    os.makedirs(os.path.join(rpc_dir, "eventline_rpc"))
    with open(os.path.join(rpc_dir, "eventline_rpc", "status.proto"), "w") as f:
        f.write(RPC_PROTO)
    for includes, files, grpc_out in (([PROTO_DIR], PROTO_FILES, True),
                                       ([rpc_dir], ["eventline_rpc/status.proto"], False)):
        command = [sys.executable, "-m", "grpc_tools.protoc", "-I" + wkt]
        command += ["-I" + d for d in includes]
        command += ["--python_out=" + out]
        if grpc_out:
            command += ["--grpc_python_out=" + out]
        subprocess.run(command + files, check=True)


WORK = tempfile.mkdtemp(prefix="eventline-python-stubs-")
try:
    generate_stubs(WORK)
except Exception:
    shutil.rmtree(WORK, ignore_errors=True)
    raise
sys.path.insert(0, WORK)

import grpc  # noqa: E402

events_pb2 = importlib.import_module("eventline.v1.events_pb2")
store_pb2 = importlib.import_module("eventline.v1.event_store_pb2")
store_grpc = importlib.import_module("eventline.v1.event_store_pb2_grpc")
groups_pb2 = importlib.import_module("eventline.v1.subscriptions_pb2")
groups_grpc = importlib.import_module("eventline.v1.subscriptions_pb2_grpc")
status_pb2 = importlib.import_module("eventline_rpc.status_pb2")

from google.protobuf import empty_pb2  # noqa: E402


def error_details(err):
    """The google.rpc.Status from a failed call's grpc-status-details-bin trailer, or None."""
    for key, value in err.trailing_metadata() or ():
        if key == "grpc-status-details-bin":
            return status_pb2.Status.FromString(value)
    return None


def detail(status, message_class):
    """The first detail of that type in a google.rpc.Status, or None."""
    for any_detail in status.details:
        if any_detail.Is(message_class.DESCRIPTOR):
            message = message_class()
            any_detail.Unpack(message)
            return message
    return None


class EventlineSmokeTest(unittest.TestCase):
    """Run in name order: each test builds on the stream the earlier ones wrote."""

    @classmethod
    def setUpClass(cls):
        cls.channel = grpc.insecure_channel(TARGET)
        grpc.channel_ready_future(cls.channel).result(timeout=15)
        cls.store = store_grpc.EventStoreServiceStub(cls.channel)
        cls.groups = groups_grpc.ConsumerGroupServiceStub(cls.channel)
        suffix = secrets.token_hex(4)
        cls.suffix = suffix
        cls.stream = "pysmoke-" + suffix
        cls.group = "pysmoke-" + suffix
        cls.ids = [str(uuid.uuid4()), str(uuid.uuid4())]
        cls.events = [
            events_pb2.EventData(event_id=cls.ids[0], type="OrderPlaced", data=json.dumps({"total": 42}).encode(),
                                 content_type="application/json", metadata={"correlation_id": "c-" + suffix}),
            events_pb2.EventData(event_id=cls.ids[1], type="OrderPaid", data=b'{"paid":42}',
                                 content_type="application/json"),
        ]
        cls.last_ack_id = None

    @classmethod
    def tearDownClass(cls):
        try:
            cls.groups.DeleteGroup(groups_pb2.DeleteGroupRequest(group=cls.group), timeout=10)
        except grpc.RpcError:
            pass
        cls.channel.close()

    def append(self, events, expected):
        request = store_pb2.AppendEventsRequest(stream=self.stream, expected_version=expected, events=events)
        return self.store.AppendEvents(request, timeout=10)

    def read(self, **fields):
        events = []
        for batch in self.store.ReadStream(store_pb2.ReadStreamRequest(stream=self.stream, **fields), timeout=10):
            events.extend(batch.events)
        return events

    def test_1_append_with_no_stream(self):
        response = self.append(self.events, events_pb2.ExpectedVersion(no_stream=empty_pb2.Empty()))
        self.assertEqual((response.first_version, response.last_version), (1, 2))
        self.assertEqual(len(response.positions), 2)
        self.assertFalse(response.deduplicated)
        self.assertGreater(response.recorded_at.seconds, 0)

    def test_2_read_back(self):
        read = self.read()
        self.assertEqual([e.version for e in read], [1, 2])
        self.assertEqual([e.event_id for e in read], self.ids)
        self.assertEqual([e.type for e in read], ["OrderPlaced", "OrderPaid"])
        self.assertEqual(json.loads(read[0].data), {"total": 42})
        self.assertEqual(dict(read[0].metadata), {"correlation_id": "c-" + self.suffix})
        backwards = self.read(direction=store_pb2.READ_DIRECTION_BACKWARD, max_count=1)
        self.assertEqual([e.version for e in backwards], [2])

    def test_3_retry_is_deduplicated(self):
        response = self.append(self.events, events_pb2.ExpectedVersion(no_stream=empty_pb2.Empty()))
        self.assertTrue(response.deduplicated)
        self.assertEqual(response.last_version, 2)

    def test_4_conflict_is_aborted_with_error_info(self):
        with self.assertRaises(grpc.RpcError) as raised:
            self.append([events_pb2.EventData(type="OrderPlaced")], events_pb2.ExpectedVersion(exact=0))
        err = raised.exception
        self.assertEqual(err.code(), grpc.StatusCode.ABORTED, err.details())
        status = error_details(err)
        self.assertIsNotNone(status, "a grpc-status-details-bin trailer")
        self.assertEqual(status.code, grpc.StatusCode.ABORTED.value[0])
        info = detail(status, status_pb2.ErrorInfo)
        self.assertIsNotNone(info, "an ErrorInfo detail")
        self.assertEqual(info.reason, "WRONG_EXPECTED_VERSION")
        self.assertEqual(dict(info.metadata), {"stream": self.stream, "expected": "0", "actual": "2"})
        self.assertEqual(len(self.read()), 2, "nothing was written")

    def test_5_bad_request_names_the_field(self):
        with self.assertRaises(grpc.RpcError) as raised:
            self.append([events_pb2.EventData(type="")], events_pb2.ExpectedVersion(any=empty_pb2.Empty()))
        self.assertEqual(raised.exception.code(), grpc.StatusCode.INVALID_ARGUMENT)
        bad_request = detail(error_details(raised.exception), status_pb2.BadRequest)
        self.assertEqual(bad_request.field_violations[0].field, "events[0].type")

    def test_6_group_subscription_with_acks(self):
        request = store_pb2.SubscribeRequest(stream=self.stream, group=self.group, consumer="worker-1", max_in_flight=10)
        call = self.store.Subscribe(request, timeout=20)  # the deadline fails the test if deliveries do not come
        deliveries = []
        try:
            first = next(call)
            self.assertEqual(first.WhichOneof("kind"), "confirmation")
            self.assertEqual((first.confirmation.group, first.confirmation.consumer), (self.group, "worker-1"))
            for message in call:
                if message.WhichOneof("kind") != "delivery":
                    continue  # heartbeats
                delivery = message.delivery
                self.assertTrue(delivery.ack_id)
                self.assertEqual(delivery.delivery_count, 1)
                deliveries.append(delivery)
                if len(deliveries) == 2:
                    self.store.Ack(store_pb2.AckRequest(group=self.group, ack_ids=[d.ack_id for d in deliveries]), timeout=10)
                    self.append([events_pb2.EventData(type="OrderShipped")], events_pb2.ExpectedVersion(exact=2))
                elif len(deliveries) == 3:
                    self.store.Ack(store_pb2.AckRequest(group=self.group, ack_ids=[delivery.ack_id]), timeout=10)
                    type(self).last_ack_id = delivery.ack_id
                    break
        finally:
            call.cancel()
        self.assertEqual([d.event.version for d in deliveries], [1, 2, 3])
        self.assertEqual([d.event.type for d in deliveries], ["OrderPlaced", "OrderPaid", "OrderShipped"])
        described = self.groups.DescribeGroup(groups_pb2.DescribeGroupRequest(group=self.group), timeout=10)
        self.assertEqual((described.group.group, described.group.stream), (self.group, self.stream))
        self.assertEqual(described.pending, 0)
        self.assertEqual(described.lag, 0)

    def test_7_ack_errors(self):
        with self.assertRaises(grpc.RpcError) as malformed:
            self.store.Ack(store_pb2.AckRequest(group=self.group, ack_ids=["not-an-ack-id"]), timeout=10)
        self.assertEqual(malformed.exception.code(), grpc.StatusCode.INVALID_ARGUMENT)
        self.assertIsNotNone(self.last_ack_id, "the group test kept an ack id")
        with self.assertRaises(grpc.RpcError) as missing:
            self.store.Ack(store_pb2.AckRequest(group="pysmoke-missing-" + self.suffix, ack_ids=[self.last_ack_id]), timeout=10)
        self.assertEqual(missing.exception.code(), grpc.StatusCode.NOT_FOUND)


def main():
    try:
        suite = unittest.defaultTestLoader.loadTestsFromTestCase(EventlineSmokeTest)
        result = unittest.TextTestRunner(verbosity=2, stream=sys.stdout).run(suite)
    finally:
        shutil.rmtree(WORK, ignore_errors=True)
    failed = len(result.failures) + len(result.errors)  # an error in setUpClass counts as one
    passed = max(result.testsRun - failed, 0)
    if passed + failed == 0:
        failed = 1  # nothing ran: not a pass
    print("python smoke: %d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 and result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
