"""Runs clients/conformance.json against a server with the installed eventline-client package, as
the Go and Node clients do. smoke-test runs it in a new venv that installed the package's wheel.

Usage: python conformance.py conformance.json      (EVENTLINE_TARGET=host:port, default 127.0.0.1:50051)
"""
import json
import os
import secrets
import sys

import grpc
from google.protobuf import empty_pb2

import eventline
from eventline.v1 import errors_pb2, event_store_pb2, events_pb2, subscriptions_pb2

TIMEOUT = 20  # seconds, for every call


class Runner:
    def __init__(self, target):
        self.eventline = eventline.connect(target)
        suffix = secrets.token_hex(6)
        self.names = {"{stream}": f"conformance_python{suffix}-1", "{group}": f"conformance-python-{suffix}"}

    def substitute(self, value):
        """Fills the placeholders in every string of a step."""
        if isinstance(value, str):
            for placeholder, name in self.names.items():
                value = value.replace(placeholder, name)
            return value
        if isinstance(value, list):
            return [self.substitute(inner) for inner in value]
        if isinstance(value, dict):
            return {key: self.substitute(inner) for key, inner in value.items()}
        return value

    def append(self, step):
        request = event_store_pb2.AppendEventsRequest(
            stream=step["stream"],
            expected_version=expected_version(step["expected_version"]),
            events=[events_pb2.EventData(event_id=e.get("event_id", ""), type=e["type"], data=e["data"].encode())
                    for e in step["events"]],
        )
        try:
            appended = self.eventline.store.AppendEvents(request, timeout=TIMEOUT)
        except grpc.RpcError as error:
            if "expect_error" not in step:
                raise
            expected = step["expect_error"]
            same("status code", expected["code"], error.code().name)
            reason, info = eventline.error_info(error)
            same("reason", "ERROR_REASON_" + expected["reason"], errors_pb2.ErrorReason.Name(reason))
            for key, value in expected["metadata"].items():
                same(f"metadata {key}", value, info.metadata[key])
            return
        if "expect_error" in step:
            raise AssertionError(f"succeeded; expected {step['expect_error']['code']}")
        if "save_first_position_as" in step:
            self.names["{" + step["save_first_position_as"] + "}"] = appended.positions[0]
        same("first_version", step["expect"]["first_version"], appended.first_version)
        same("last_version", step["expect"]["last_version"], appended.last_version)
        same("deduplicated", step["expect"]["deduplicated"], appended.deduplicated)

    def read(self, request, expect):
        events = [e for batch in self.eventline.store.ReadStream(request, timeout=TIMEOUT) for e in batch.events]
        compare_events(events, expect)

    def read_stream(self, step):
        self.read(event_store_pb2.ReadStreamRequest(stream=step["stream"]), step["expect"])

    def read_all(self, step):
        request = event_store_pb2.ReadStreamRequest(
            stream="$all", from_position=step["from_position"], max_count=step["max_count"])
        self.read(request, step["expect"])

    def subscribe_group(self, step):
        """Takes one delivery per entry of step["settle"], settling each as that entry says, then ends the call."""
        group = step["group"]
        call = self.eventline.store.Subscribe(
            event_store_pb2.SubscribeRequest(stream=step["stream"], group=group, consumer="conformance"),
            timeout=TIMEOUT)
        delivered = []
        try:
            for message in call:
                if message.WhichOneof("kind") != "delivery":
                    continue  # the confirmation, heartbeats
                self.settle(group, message.delivery.ack_id, step["settle"][len(delivered)])
                delivered.append(message.delivery.event)
                if len(delivered) == len(step["settle"]):
                    break
        finally:
            call.cancel()
        compare_events(delivered, step["expect"])

    def settle(self, group, ack_id, how):
        if how == "ack":
            self.eventline.store.Ack(event_store_pb2.AckRequest(group=group, ack_ids=[ack_id]), timeout=TIMEOUT)
        elif how == "nack_park":
            self.eventline.store.Nack(event_store_pb2.NackRequest(
                group=group, ack_ids=[ack_id], action=event_store_pb2.NACK_ACTION_PARK, reason="conformance"),
                timeout=TIMEOUT)
        else:
            raise AssertionError(f"unknown settle {how!r}")

    def describe_group(self, step):
        described = self.eventline.groups.DescribeGroup(
            subscriptions_pb2.DescribeGroupRequest(group=step["group"]), timeout=TIMEOUT)
        same("parked and pending", step["expect"], {"parked": described.parked, "pending": described.pending})


def expected_version(expected):
    if isinstance(expected, dict):
        return events_pb2.ExpectedVersion(exact=expected["exact"])
    return events_pb2.ExpectedVersion(**{expected: empty_pb2.Empty()})


def compare_events(events, expect):
    same("types", expect["types"], [e.type for e in events])
    if "versions" in expect:
        same("versions", expect["versions"], [e.version for e in events])
    if "data" in expect:
        same("data", expect["data"], [e.data.decode() for e in events])
    if "streams" in expect:
        same("streams", expect["streams"], [e.stream for e in events])


def same(what, expected, actual):
    if expected != actual:
        raise AssertionError(f"{what}: got {actual!r}, expected {expected!r}")


def main():
    target = os.environ.get("EVENTLINE_TARGET", "127.0.0.1:50051")
    with open(sys.argv[1]) as file:
        steps = json.load(file)["steps"]
    runner = Runner(target)
    for number, raw in enumerate(steps, 1):
        step = runner.substitute(raw)
        try:
            getattr(runner, step["op"])(step)
        except (AssertionError, grpc.RpcError) as error:
            sys.exit(f"python conformance: FAILED: step {number} ({step['op']}): {error!r}")
        print(f"ok  step {number}: {step['op']}")
    print(f"python conformance: {len(steps)} steps passed against {target}")


if __name__ == "__main__":
    main()
