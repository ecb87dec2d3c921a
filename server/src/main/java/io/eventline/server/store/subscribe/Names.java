package io.eventline.server.store.subscribe;

import io.eventline.server.store.ClientText;
import io.eventline.server.store.InvalidArgumentException;

import java.util.regex.Pattern;

/** Group and consumer names: 1..128 of A-Z a-z 0-9 . _ - (they become parts of Redis keys and group names), and made-up consumer names. */
final class Names {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    /** Names the server gives consumers that did not name themselves. */
    private static final Pattern ANONYMOUS = Pattern.compile("c-[0-9a-f]{8}");

    private Names() {
    }

    static String anonymousConsumer() {
        return "c-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    /** Whether a consumer has a name the server made up (a client may choose such a name too; it is treated alike). */
    static boolean isAnonymous(String consumer) {
        return ANONYMOUS.matcher(consumer).matches();
    }

    static String check(String name, String field) {
        if (!NAME.matcher(name).matches()) {
            throw new InvalidArgumentException(field, ClientText.quote(name) + " is not a valid name: use 1 to 128 of A-Z a-z 0-9 . _ -");
        }
        return name;
    }
}
