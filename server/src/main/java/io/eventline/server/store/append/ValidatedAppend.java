package io.eventline.server.store.append;

import io.eventline.server.store.ExpectedVersion;
import io.eventline.server.store.ProposedEvent;
import io.eventline.server.store.StreamName;

import java.util.List;

/** An append that passed every check, so the script cannot fail halfway. */
record ValidatedAppend(StreamName stream, ExpectedVersion expectedVersion, List<ProposedEvent> events) {
}
