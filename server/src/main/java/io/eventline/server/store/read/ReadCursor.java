package io.eventline.server.store.read;

import java.util.concurrent.CompletableFuture;

/** A read in progress, pulled one page at a time so the reader sets the pace. */
public interface ReadCursor {
    /** The next page; call again only after it completed and was not the last. */
    CompletableFuture<ReadPage> next();

    /** After a last page, lets the next call look again for events appended since (live tailing). */
    void follow();
}
