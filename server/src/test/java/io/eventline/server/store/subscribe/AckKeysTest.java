package io.eventline.server.store.subscribe;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AckKeysTest {
    private static final AckId ENTRY = new AckId(AckId.Kind.LOG, 2, "1795334125984-17");
    private final AckKeys keys = new AckKeys(1, Map.of(1, secret(1)));

    @Test
    void anIdOpensForItsGroupOnlyAndIsTheSameEachTime() {
        String sealed = keys.seal("billing", ENTRY);
        assertEquals(sealed, keys.seal("billing", ENTRY));
        assertTrue(sealed.length() <= 48, sealed);
        assertEquals(Optional.of(ENTRY), keys.open("billing", sealed));
        assertEquals(Optional.empty(), keys.open("shipping", sealed));
        assertNotEquals(sealed, keys.seal("shipping", ENTRY));
    }

    @Test
    void anIdSealedWithAnotherSecretOrChangedOrTruncatedDoesNotOpen() {
        String sealed = keys.seal("billing", ENTRY);
        AckKeys otherStore = new AckKeys(1, Map.of(1, secret(2)));
        assertEquals(Optional.empty(), otherStore.open("billing", sealed));
        for (int i = 0; i < sealed.length() - 1; i++) {
            char changed = sealed.charAt(i) == 'A' ? 'B' : 'A';
            String tampered = sealed.substring(0, i) + changed + sealed.substring(i + 1);
            assertEquals(Optional.empty(), keys.open("billing", tampered), "changed at " + i);
        }
        assertEquals(Optional.empty(), keys.open("billing", sealed.substring(0, sealed.length() - 3)));
        assertEquals(Optional.empty(), keys.open("billing", ""));
        assertEquals(Optional.empty(), keys.open("billing", "not base64!"));
        assertEquals(Optional.empty(), keys.open("billing", "A".repeat(40_000)));
    }

    @Test
    void anIdOfThePreviousKeyStillOpensAfterARotation() {
        String old = keys.seal("billing", ENTRY);
        AckKeys rotated = new AckKeys(2, Map.of(1, secret(1), 2, secret(3)));
        assertEquals(Optional.of(ENTRY), rotated.open("billing", old));
        String fresh = rotated.seal("billing", ENTRY);
        assertNotEquals(old, fresh);
        assertEquals(Optional.of(2), AckKeys.keyIdOf(fresh));
        assertEquals(Optional.empty(), new AckKeys(3, Map.of(2, secret(3), 3, secret(4))).open("billing", old));
    }

    private static byte[] secret(int seed) {
        byte[] secret = new byte[32];
        java.util.Arrays.fill(secret, (byte) seed);
        return secret;
    }
}
