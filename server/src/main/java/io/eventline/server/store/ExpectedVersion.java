package io.eventline.server.store;

/** The state a stream must be in for a write to go ahead. */
public sealed interface ExpectedVersion {
    /** How the expectation reads in errors and in ErrorInfo metadata. */
    String describe();

    /** The expectation's kind: any, no_stream, stream_exists or exact. */
    default String kind() {
        return describe();
    }

    record Any() implements ExpectedVersion {
        @Override
        public String describe() {
            return "any";
        }
    }

    /** No events: never written, or soft-deleted. */
    record NoStream() implements ExpectedVersion {
        @Override
        public String describe() {
            return "no_stream";
        }
    }

    record StreamExists() implements ExpectedVersion {
        @Override
        public String describe() {
            return "stream_exists";
        }
    }

    record Exact(long version) implements ExpectedVersion {
        public Exact {
            if (version < 0) {
                throw new IllegalArgumentException("version is negative");
            }
        }

        @Override
        public String describe() {
            return Long.toString(version);
        }

        @Override
        public String kind() {
            return "exact";
        }
    }
}
