package io.eventline.server.store;

/** Client input quoted in an error message: at most {@value #MAX_CHARS} characters, so a huge field cannot make a huge reply or log line. */
public final class ClientText {
    static final int MAX_CHARS = 100;

    private ClientText() {
    }

    /** {@code text} in single quotes, cut after {@value #MAX_CHARS} characters with an ellipsis. */
    public static String quote(String text) {
        if (text.length() <= MAX_CHARS) {
            return "'" + text + "'";
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
        return "'" + text.substring(0, end) + "…' (" + text.length() + " characters)";
    }
}
