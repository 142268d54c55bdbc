package io.cashews;

import io.cashews.base.ThreadScopes;
import io.cashews.spi.Backend;
import io.cashews.spi.BackendCall;
import io.cashews.spi.ForwardingBackend;
import io.cashews.spi.Glob;
import io.cashews.spi.NullValue;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A backend seen through its middleware chain: every command goes through the user's middlewares
 * and the built-in disabling and callback steps before reaching the real backend. Installed only
 * when an instance has middlewares or has used callbacks, so that the plain hit path stays a
 * direct call.
 */
final class ChainedBackend extends ForwardingBackend {

    private static final System.Logger LOG = System.getLogger(ChainedBackend.class.getName());
    // Callback scopes; a command looks for them only while one is open or captured somewhere.
    static final ThreadScopes.Kind<Registration> CALLBACKS = new ThreadScopes.Kind<>("callback");

    private final Cashews owner;
    private final Middleware[] chain;
    // Set up with enable=false / disable=true: the disabling step answers every command as disabled.
    private final boolean switchedOff;

    ChainedBackend(Cashews owner, Backend raw, List<Middleware> user, boolean switchedOff) {
        super(raw);
        this.owner = owner;
        this.switchedOff = switchedOff;
        List<Middleware> all = new ArrayList<>(user);
        all.add(this::disabling);
        all.add(this::callbacks);
        this.chain = all.toArray(new Middleware[0]);
    }

    // ---------------------------------------------------------------- the chain

    @Override
    protected @Nullable Object intercept(BackendCall call) {
        return new Step(call, 0).call(call.args());
    }

    private final class Step implements Middleware.Next {
        private final BackendCall call;
        private final int index;

        Step(BackendCall call, int index) {
            this.call = call;
            this.index = index;
        }

        @Override
        public @Nullable Object call(@Nullable Object[] args) {
            // The last step runs the command with the arguments it was handed, maybe replaced on the way.
            if (index == chain.length) {
                return call.run(delegate(), args);
            }
            return chain[index].handle(call.command(), delegate(), args, new Step(call, index + 1));
        }

        @Override
        public boolean async() {
            return call.async();
        }
    }

    private @Nullable Object disabling(Command command, Backend backend, @Nullable Object[] args, Middleware.Next next) {
        if (switchedOff || owner.isDisabled(command)) {
            Object answer = disabledAnswer(command, args);
            return next.async() ? CompletableFuture.completedFuture(answer) : answer;
        }
        return next.call(args);
    }

    // What a disabled command answers at the backend level; the facade turns it into its own answer.
    private static @Nullable Object disabledAnswer(Command command, @Nullable Object[] args) {
        return switch (command) {
            case SET, SET_RAW, EXISTS, DELETE, EXPIRE, IS_LOCKED, SET_LOCK, UNLOCK, COMPARE_AND_SET,
                    DELETE_IF_EQUALS -> false;
            case INCR, SLICE_INCR, DELETE_MANY, DELETE_MATCH, GET_KEYS_COUNT, SET_ADD, SET_REMOVE -> 0L;
            case GET_EXPIRE, GET_EXPIRE_MILLIS -> -2L;
            case GET_BITS, INCR_BITS -> Cashews.NO_BITS;
            case GET_MANY -> Collections.nCopies(((List<?>) args[0]).size(), null);
            case GET_MATCH, SCAN, SET_POP -> List.of();
            case SET_MEMBERS -> Set.of();
            default -> null;   // GET, GET_RAW, GET_AND_SET, GET_AND_DELETE (a miss), SET_MANY, CLEAR, PING
        };
    }

    private @Nullable Object callbacks(Command command, Backend backend, @Nullable Object[] args, Middleware.Next next) {
        if (!CALLBACKS.isLive()) {
            return next.call(args);
        }
        String key = args.length == 0 ? null
                : args[0] instanceof String text ? text
                : args[0] instanceof Glob glob ? glob.pattern() : null;
        if (key == null) {
            return next.call(args);
        }
        // Looked up when the command is made: an asynchronous answer may arrive on another thread.
        List<CacheCallback> wanted = new ArrayList<>(1);
        ThreadScopes.forEach(CALLBACKS, registration -> {
            if (registration.owner == owner && (registration.commands & command.bit()) != 0) {
                wanted.add(registration.callback);
            }
        });
        if (wanted.isEmpty()) {
            return next.call(args);
        }
        Object result = next.call(args);
        if (next.async() && result instanceof CompletableFuture<?> future) {
            future.thenAccept(value -> fire(wanted, command, key, value));
        } else {
            fire(wanted, command, key, result);
        }
        return result;
    }

    private static void fire(List<CacheCallback> callbacks, Command command, String key, @Nullable Object result) {
        if (result == null) {
            return;
        }
        Object shown = result == NullValue.INSTANCE ? null : result;
        for (CacheCallback callback : callbacks) {
            try {
                callback.done(command, key, shown);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, () -> "a cache callback failed for " + command + " " + key, e);
            }
        }
    }

    /** One open callback scope: the instance, the callback and the commands it wants (a bit each). */
    record Registration(Cashews owner, CacheCallback callback, long commands) {
    }

    @Override
    public String toString() {
        return delegate() + " (through " + (chain.length - 2) + " middlewares)";
    }
}
