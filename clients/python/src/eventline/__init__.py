"""Eventline's contract, eventline.v1, for Python.

The generated stubs are modules of eventline.v1 (events_pb2, event_store_pb2, event_store_pb2_grpc,
subscriptions_pb2, ..., errors_pb2 with the ErrorReason enum); this module adds connect(), stubs of
the three services over one channel, and error_info(), the declared reason of a failed call.
"""
from typing import NamedTuple, Optional, Tuple

import grpc
from google.rpc import error_details_pb2, status_pb2

from eventline.v1 import errors_pb2, event_store_pb2_grpc, streams_pb2_grpc, subscriptions_pb2_grpc

# What the wire form of a reason leaves out of the enum value's name (errors.proto):
# ERROR_REASON_WRONG_EXPECTED_VERSION travels as "WRONG_EXPECTED_VERSION".
_REASON_PREFIX = "ERROR_REASON_"


class Eventline(NamedTuple):
    channel: grpc.Channel
    store: event_store_pb2_grpc.EventStoreServiceStub
    groups: subscriptions_pb2_grpc.ConsumerGroupServiceStub
    streams: streams_pb2_grpc.StreamServiceStub


def connect(target: str) -> Eventline:
    """Stubs of the three services over one plaintext channel to target (host:port)."""
    channel = grpc.insecure_channel(target)
    return Eventline(
        channel,
        event_store_pb2_grpc.EventStoreServiceStub(channel),
        subscriptions_pb2_grpc.ConsumerGroupServiceStub(channel),
        streams_pb2_grpc.StreamServiceStub(channel),
    )


def error_info(error: grpc.RpcError) -> Optional[Tuple[int, error_details_pb2.ErrorInfo]]:
    """The google.rpc.ErrorInfo of a failed call with its reason as an errors_pb2.ErrorReason value
    (ERROR_REASON_UNSPECIFIED for a reason newer than this package), or None when it carries none."""
    for key, value in error.trailing_metadata() or ():
        if key != "grpc-status-details-bin":
            continue
        for detail in status_pb2.Status.FromString(value).details:
            info = error_details_pb2.ErrorInfo()
            if detail.Unpack(info):
                return _reason_of(info.reason), info
    return None


def _reason_of(wire: str) -> int:
    if wire.startswith(_REASON_PREFIX):
        return errors_pb2.ERROR_REASON_UNSPECIFIED  # not a wire form: those leave the prefix out
    try:
        return errors_pb2.ErrorReason.Value(_REASON_PREFIX + wire)
    except ValueError:
        return errors_pb2.ERROR_REASON_UNSPECIFIED
