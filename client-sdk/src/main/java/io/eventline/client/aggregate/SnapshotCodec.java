package io.eventline.client.aggregate;

/** Turns an aggregate's state into a snapshot's bytes and back. */
public interface SnapshotCodec<A extends Aggregate> {
    String contentType();

    byte[] encode(A aggregate);

    /** The aggregate {@code id} in the state the bytes describe (its version is set by the repository). */
    A decode(String id, byte[] data);
}
