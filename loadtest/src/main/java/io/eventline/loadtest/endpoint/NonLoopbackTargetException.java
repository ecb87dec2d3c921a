package io.eventline.loadtest.endpoint;

/** A server or Redis address that is not this machine: the tool sends load to loopback addresses only. */
public final class NonLoopbackTargetException extends IllegalArgumentException {
    public NonLoopbackTargetException(String host) {
        super("refusing to send load to '" + host + "': only loopback targets are allowed (127.0.0.0/8, localhost, ::1)");
    }
}
