package io.eventline.loadtest.template;

import com.google.protobuf.Message;

/** The request message of each call: from a JSON template ({@code -d}, {@code -D}) or binary messages ({@code -b}, {@code -B}). */
public interface RequestSource {
    Message request(CallData call);
}
