package io.eventline.client.aggregate;

import io.eventline.client.serialization.EventTypeRegistry;

/** A bank account: the test aggregate. It cannot be overdrawn. */
final class Account extends Aggregate {
    record Opened(String owner) {
    }

    record Deposited(long amount) {
    }

    record Withdrawn(long amount) {
    }

    /** What a snapshot holds. */
    record State(String owner, long balance) {
    }

    static final EventTypeRegistry EVENT_TYPES = EventTypeRegistry.builder()
            .register("AccountOpened", Opened.class)
            .register("MoneyDeposited", Deposited.class)
            .register("MoneyWithdrawn", Withdrawn.class)
            .build();

    static final AggregateType<Account> TYPE = new AggregateType<>("account", Account::new);

    private String owner;
    private long balance;
    /** How many events this instance applied: tells a load from a snapshot from a full replay. */
    private int eventsApplied;

    Account(String id) {
        super(id);
    }

    static Account restore(String id, State state) {
        Account account = new Account(id);
        account.owner = state.owner();
        account.balance = state.balance();
        return account;
    }

    void open(String newOwner) {
        if (owner != null) {
            throw new IllegalStateException("account " + id() + " is open already");
        }
        raise(new Opened(newOwner));
    }

    void deposit(long amount) {
        raise(new Deposited(amount));
    }

    void withdraw(long amount) {
        if (amount > balance) {
            throw new IllegalStateException("account " + id() + " holds " + balance + ", cannot withdraw " + amount);
        }
        raise(new Withdrawn(amount));
    }

    String owner() {
        return owner;
    }

    long balance() {
        return balance;
    }

    int eventsApplied() {
        return eventsApplied;
    }

    State state() {
        return new State(owner, balance);
    }

    @Override
    protected void apply(Object event) {
        eventsApplied++;
        if (event instanceof Opened opened) {
            owner = opened.owner();
        }
        else if (event instanceof Deposited deposited) {
            balance += deposited.amount();
        }
        else if (event instanceof Withdrawn withdrawn) {
            balance -= withdrawn.amount();
        }
        else {
            throw new IllegalArgumentException("an account does not take " + event);
        }
    }
}
