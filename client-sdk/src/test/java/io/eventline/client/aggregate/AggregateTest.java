package io.eventline.client.aggregate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The aggregate base: raising applies and records; replaying moves the version; committing clears. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AggregateTest {
    @Test
    void raisedEventsChangeTheStateAndWaitForTheNextSave() {
        Account account = new Account("1");
        account.open("Ada");
        account.deposit(100);

        assertEquals(100, account.balance());
        assertEquals(List.of(new Account.Opened("Ada"), new Account.Deposited(100)), account.uncommittedEvents());
        assertEquals(0, account.version(), "nothing is stored yet");
    }

    @Test
    void committingClearsTheRaisedEventsAndTakesTheStreamVersion() {
        Account account = new Account("1");
        account.open("Ada");

        account.committed(1);

        assertEquals(List.of(), account.uncommittedEvents());
        assertEquals(1, account.version());
    }

    @Test
    void replayingStoredEventsTracksTheirVersion() {
        Account account = new Account("1");
        account.replay(new Account.Opened("Ada"), 1);
        account.replay(new Account.Deposited(30), 2);

        assertEquals(30, account.balance());
        assertEquals(2, account.version());
        assertEquals(List.of(), account.uncommittedEvents());
    }

    @Test
    void storedEventsCannotBeReplayedUnderUnsavedOnes() {
        Account account = new Account("1");
        account.open("Ada");

        assertThrows(IllegalStateException.class, () -> account.replay(new Account.Deposited(30), 1));
    }

    @Test
    void aRuleBrokenByACommandRaisesNothing() {
        Account account = new Account("1");
        account.open("Ada");

        assertThrows(IllegalStateException.class, () -> account.withdraw(5));
        assertEquals(1, account.uncommittedEvents().size());
    }

    @Test
    void aCategoryCannotContainTheSeparator() {
        assertEquals("account-7", Account.TYPE.streamName("7"));
        assertThrows(IllegalArgumentException.class, () -> new AggregateType<>("bank-account", Account::new));
    }

    @Test
    void theIdOfAStreamIsWhatFollowsTheCategory() {
        assertEquals("7-b", Account.TYPE.idOf(Account.TYPE.streamName("7-b")));
        assertThrows(IllegalArgumentException.class, () -> Account.TYPE.idOf("order-7"));
        assertThrows(IllegalArgumentException.class, () -> Account.TYPE.idOf("account-"));
    }
}
