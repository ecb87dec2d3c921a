package io.eventline.client.aggregate;

import io.eventline.client.EventlineClient;
import io.eventline.client.admin.Snapshot;
import io.eventline.client.append.AppendResult;
import io.eventline.client.append.WrongExpectedVersionException;
import io.eventline.client.serialization.JsonEventCodec;
import io.eventline.client.serialization.Upcasters;
import io.eventline.client.testing.ServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The repositories against a real server: optimistic concurrency, time travel, snapshots plus the tail. */
@ExtendWith(ServerExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RepositoryTest {
    private static final int SNAPSHOT_EVERY = 10;

    private final EventlineClient client;
    private final JsonEventCodec codec;

    RepositoryTest(EventlineClient client) {
        this.client = client;
        this.codec = new JsonEventCodec(JsonEventCodec.defaultMapper(), Account.EVENT_TYPES, Upcasters.none());
    }

    @Test
    void savesAndLoadsAnAggregate() {
        EventSourcedRepository<Account> repository = new EventSourcedRepository<>(client, codec, Account.TYPE);
        Account account = new Account(newId());
        account.open("Ada");
        account.deposit(100);
        account.withdraw(30);

        AppendResult saved = repository.save(account).orElseThrow();

        assertEquals(3, saved.lastVersion());
        assertEquals(3, account.version());
        Account loaded = repository.load(account.id()).orElseThrow();
        assertEquals("Ada", loaded.owner());
        assertEquals(70, loaded.balance());
        assertEquals(3, loaded.version());
        assertEquals(Optional.empty(), repository.save(loaded), "nothing new to save");
    }

    @Test
    void anAggregateWithoutEventsIsNotFound() {
        assertEquals(Optional.empty(), new EventSourcedRepository<>(client, codec, Account.TYPE).load(newId()));
    }

    @Test
    void theSecondOfTwoConcurrentSavesIsRefusedAndTheReloadedStateDecidesAgain() {
        EventSourcedRepository<Account> repository = new EventSourcedRepository<>(client, codec, Account.TYPE);
        Account account = new Account(newId());
        account.open("Ada");
        account.deposit(100);
        repository.save(account);
        Account first = repository.load(account.id()).orElseThrow();
        Account second = repository.load(account.id()).orElseThrow();

        first.withdraw(80);
        repository.save(first);
        second.withdraw(50);
        WrongExpectedVersionException conflict = assertThrows(WrongExpectedVersionException.class, () -> repository.save(second));

        assertEquals("2", conflict.expected());
        assertEquals(3, conflict.actual());
        Account reloaded = repository.load(account.id()).orElseThrow();
        assertEquals(20, reloaded.balance());
        assertThrows(IllegalStateException.class, () -> reloaded.withdraw(50), "the retried command sees the other save");
    }

    @Test
    void loadsAnAggregateAsItWasAtAVersionAndAtAnInstant() {
        EventSourcedRepository<Account> repository = new EventSourcedRepository<>(client, codec, Account.TYPE);
        Account account = new Account(newId());
        account.open("Ada");
        account.deposit(100);
        Instant afterDeposit = repository.save(account).orElseThrow().recordedAt();
        awaitClockPast(afterDeposit);
        account.withdraw(60);
        repository.save(account);

        assertEquals(100, repository.loadAtVersion(account.id(), 2).orElseThrow().balance());
        assertEquals(0, repository.loadAtVersion(account.id(), 1).orElseThrow().balance());
        assertEquals(100, repository.loadAsOf(account.id(), afterDeposit).orElseThrow().balance());
        assertEquals(2, repository.loadAsOf(account.id(), afterDeposit).orElseThrow().version());
        assertEquals(40, repository.load(account.id()).orElseThrow().balance());
    }

    @Test
    void theSnapshottingRepositoryLoadsTheLatestSnapshotAndOnlyTheEventsAfterIt() {
        SnapshottingRepository<Account> repository = new SnapshottingRepository<>(client, codec, Account.TYPE,
                new JsonSnapshotCodec<>(JsonEventCodec.defaultMapper(), Account.State.class, Account::state, Account::restore), SNAPSHOT_EVERY);
        Account account = new Account(newId());
        account.open("Ada");
        repository.save(account);
        for (int deposit = 1; deposit <= 24; deposit++) {
            Account current = repository.load(account.id()).orElseThrow();
            current.deposit(deposit);
            repository.save(current);
        }

        Snapshot snapshot = client.streams().loadSnapshot(Account.TYPE.streamName(account.id())).orElseThrow();
        assertEquals(20, snapshot.version(), "the save that reached version 20 took the latest snapshot");
        Account loaded = repository.load(account.id()).orElseThrow();
        assertEquals(25, loaded.version());
        assertEquals(300, loaded.balance(), "1 + 2 + ... + 24");
        assertEquals("Ada", loaded.owner());
        assertEquals(5, loaded.eventsApplied(), "only versions 21..25 were replayed on top of the snapshot");
        Account replayed = new EventSourcedRepository<>(client, codec, Account.TYPE).load(account.id()).orElseThrow();
        assertEquals(25, replayed.eventsApplied());
        assertEquals(loaded.balance(), replayed.balance(), "the snapshot plus the tail is the full replay");
    }

    @Test
    void aSaveThatCrossesSeveralMultiplesTakesOneSnapshotAtItsVersion() {
        SnapshottingRepository<Account> repository = new SnapshottingRepository<>(client, codec, Account.TYPE,
                new JsonSnapshotCodec<>(JsonEventCodec.defaultMapper(), Account.State.class, Account::state, Account::restore), SNAPSHOT_EVERY);
        Account account = new Account(newId());
        account.open("Ada");
        for (int deposit = 0; deposit < 22; deposit++) {
            account.deposit(1);
        }

        repository.save(account);

        Optional<Snapshot> snapshot = client.streams().loadSnapshot(Account.TYPE.streamName(account.id()));
        assertTrue(snapshot.isPresent());
        assertEquals(23, snapshot.get().version());
        assertEquals(0, repository.load(account.id()).orElseThrow().eventsApplied());
    }

    private static String newId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static void awaitClockPast(Instant instant) {
        try {
            while (!Instant.now().isAfter(instant.plusMillis(5))) {
                Thread.sleep(5);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
