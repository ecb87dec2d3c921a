package io.eventline.server.store.read;

public enum ReadDirection {
    FORWARD,
    BACKWARD
}
