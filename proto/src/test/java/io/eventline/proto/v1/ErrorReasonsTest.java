package io.eventline.proto.v1;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ErrorReasonsTest {
    @Test
    void everyDeclaredReasonTravelsWithoutThePrefixAndComesBack() {
        int declared = 0;
        for (ErrorReason reason : ErrorReason.values()) {
            if (reason == ErrorReason.ERROR_REASON_UNSPECIFIED || reason == ErrorReason.UNRECOGNIZED) {
                continue;
            }
            declared++;
            String wire = ErrorReasons.wireName(reason);
            assertEquals(reason.name(), "ERROR_REASON_" + wire);
            assertEquals(Optional.of(reason), ErrorReasons.fromWireName(wire));
        }
        assertEquals(3, declared);
        assertEquals("WRONG_EXPECTED_VERSION", ErrorReasons.wireName(ErrorReason.ERROR_REASON_WRONG_EXPECTED_VERSION));
    }

    @Test
    void unknownAndUnspecifiedReasonsAreNone() {
        assertEquals(Optional.empty(), ErrorReasons.fromWireName("SOMETHING_NEWER"));
        assertEquals(Optional.empty(), ErrorReasons.fromWireName("UNSPECIFIED"));
        assertEquals(Optional.empty(), ErrorReasons.fromWireName(""));
        assertThrows(IllegalArgumentException.class, () -> ErrorReasons.wireName(ErrorReason.ERROR_REASON_UNSPECIFIED));
    }
}
