package io.eventline.server.store;

/** Too many appends wait for their partition's next script call: this one is refused, nothing of it written. */
public final class AppendQueueFullException extends StoreException {
    public AppendQueueFullException(int partition, String what) {
        super("too many appends are waiting for partition " + partition + " (" + what + "); nothing was written: "
                + "retry after a short backoff, with the same event ids");
    }
}
