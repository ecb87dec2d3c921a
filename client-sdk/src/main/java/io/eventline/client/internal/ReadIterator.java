package io.eventline.client.internal;

import io.eventline.client.EventlineException;
import io.eventline.client.RecordedEvent;
import io.eventline.client.RetryPolicy;
import io.eventline.proto.v1.ReadStreamRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Pulls a read's events page by page as they are consumed. When the connection is lost midway
 * ({@code UNAVAILABLE}) it reopens the read just after the last event handed out, so a retry neither
 * repeats nor skips an event.
 */
final class ReadIterator implements Iterator<RecordedEvent>, AutoCloseable {
    private static final String ALL = "$all";

    private final ReadStreamRequest request;
    private final Function<ReadStreamRequest, ReadCall> opener;
    private final RetryPolicy retryPolicy;
    private ReadCall call;
    private Iterator<io.eventline.proto.v1.RecordedEvent> page = Collections.emptyIterator();
    private io.eventline.proto.v1.RecordedEvent last;
    private long handedOut;
    private String skipPosition = "";
    private boolean finished;

    ReadIterator(ReadStreamRequest request, Function<ReadStreamRequest, ReadCall> opener, RetryPolicy retryPolicy) {
        this.request = requireNonNull(request, "request is null");
        this.opener = requireNonNull(opener, "opener is null");
        this.retryPolicy = requireNonNull(retryPolicy, "retryPolicy is null");
    }

    @Override
    public boolean hasNext() {
        int failures = 0;
        while (!page.hasNext()) {
            if (finished) {
                return false;
            }
            try {
                if (call == null) {
                    ReadStreamRequest next = resumeRequest();
                    if (finished) {
                        return false;
                    }
                    call = opener.apply(next);
                }
                if (!call.hasNext()) {
                    finish();
                    return false;
                }
                page = withoutResumePoint(call.next().getEventsList()).iterator();
                failures = 0;
            }
            catch (StatusRuntimeException e) {
                closeCall();
                failures++;
                if (!retryPolicy.allowsRetry(Status.fromThrowable(e).getCode(), failures)) {
                    finished = true;
                    throw ErrorTranslator.translate(e);
                }
                pause(failures);
            }
        }
        return true;
    }

    @Override
    public RecordedEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the read has no more events");
        }
        last = page.next();
        handedOut++;
        return ProtoEvents.recordedEvent(last);
    }

    @Override
    public void close() {
        finish();
    }

    private void finish() {
        finished = true;
        page = Collections.emptyIterator();
        closeCall();
    }

    private void closeCall() {
        if (call != null) {
            call.close();
            call = null;
        }
    }

    /** The request that continues after the last event handed out; marks the read finished if nothing is left. */
    private ReadStreamRequest resumeRequest() {
        if (last == null) {
            return request;
        }
        ReadStreamRequest.Builder resumed = request.toBuilder();
        long remaining = request.getMaxCount() - handedOut;
        if (request.getMaxCount() > 0 && remaining <= 0) {
            finished = true;
            return request;
        }
        if (request.getStream().equals(ALL)) {
            // positions are opaque and the start is inclusive: begin at the last one and drop it
            skipPosition = last.getPosition();
            resumed.setFromPosition(last.getPosition());
            if (request.getMaxCount() > 0) {
                resumed.setMaxCount(remaining + 1);
            }
            return resumed.build();
        }
        if (request.getMaxCount() > 0) {
            resumed.setMaxCount(remaining);
        }
        boolean backwards = request.getDirection() == io.eventline.proto.v1.ReadDirection.READ_DIRECTION_BACKWARD;
        if (backwards && last.getVersion() <= 1) {
            finished = true;
            return request;
        }
        return resumed.setFromVersion(backwards ? last.getVersion() - 1 : last.getVersion() + 1).build();
    }

    private List<io.eventline.proto.v1.RecordedEvent> withoutResumePoint(List<io.eventline.proto.v1.RecordedEvent> events) {
        if (skipPosition.isEmpty() || events.isEmpty()) {
            return events;
        }
        boolean repeated = events.get(0).getPosition().equals(skipPosition);
        skipPosition = "";
        return repeated ? events.subList(1, events.size()) : events;
    }

    private void pause(int failures) {
        try {
            Thread.sleep(retryPolicy.backoff().delay(failures).toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = true;
            throw new EventlineException(Status.Code.CANCELLED, "interrupted while waiting to resume a read", e);
        }
    }
}
