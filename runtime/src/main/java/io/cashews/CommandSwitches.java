package io.cashews;

import io.cashews.base.ThreadScopes;
import java.util.Objects;

/**
 * Which commands one {@link Cashews} instance runs: disabled instance-wide ({@code disable} /
 * {@code enable}) or on the current thread by {@code disabling(...)} scopes.
 */
final class CommandSwitches {

    private static final long ALL_COMMANDS = -1L >>> (Long.SIZE - Command.values().length);
    // disabling(...) scopes live on the thread's scope stack, so proxied async calls carry them;
    // the stack is walked only while one is open or installed somewhere.
    static final ThreadScopes.Kind<Disabled> DISABLING = new ThreadScopes.Kind<>("disabling");

    private final Cashews owner;
    private final Router router;
    // Instance-wide disabled commands, one bit per Command.
    private volatile long disabledMask;

    CommandSwitches(Cashews owner, Router router) {
        this.owner = owner;
        this.router = router;
    }

    boolean isDisabled(Command command) {
        long mask = disabledMask | threadMask();
        return (mask & command.bit()) != 0;
    }

    // The hit path reads two fields and takes the slow path only when something is disabled.
    // With middlewares or callbacks the chain's disabling step answers instead, so that user
    // middlewares see disabled commands too.
    boolean off(Command command) {
        return (disabledMask != 0 || DISABLING.isLive()) && !router.chained() && isDisabled(command);
    }

    // For commands the facade makes of others (getOrSet, lock): checked here even when the
    // backends are chained, because no backend command carries their name.
    boolean offHere(Command command) {
        return (disabledMask != 0 || DISABLING.isLive()) && isDisabled(command);
    }

    synchronized void disable(Command... commands) {
        disabledMask |= bits(commands);
    }

    synchronized void enable(Command... commands) {
        disabledMask &= ~bits(commands);
    }

    Scope disabling(Command... commands) {
        long bits = bits(commands);
        // Each frame holds what the outer ones of this instance disable too: the innermost answers.
        return ThreadScopes.open(DISABLING, new Disabled(owner, bits | threadMask()))::close;
    }

    // The commands disabled by scopes of this instance in effect on the current thread.
    private long threadMask() {
        Disabled innermost = ThreadScopes.first(DISABLING, CommandSwitches::ownedBy, owner);
        return innermost == null ? 0 : innermost.bits;
    }

    private static boolean ownedBy(Disabled scope, Cashews owner) {
        return scope.owner == owner;
    }

    static long bits(Command... commands) {
        if (commands.length == 0) {
            return ALL_COMMANDS;
        }
        long bits = 0;
        for (Command command : commands) {
            bits |= Objects.requireNonNull(command, "command").bit();
        }
        return bits;
    }

    /** One disabling(...) scope: the instance it belongs to and what it and the scopes around it disable. */
    record Disabled(Cashews owner, long bits) {
    }
}
