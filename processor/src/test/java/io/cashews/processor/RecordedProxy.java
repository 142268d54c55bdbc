package io.cashews.processor;

import com.google.testing.compile.Compilation;
import io.cashews.Cashews;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A generated proxy over a compiled delegate on {@code mem://}, with a middleware that records
 * every backend command as {@code "COMMAND key"}: what the functional tests of lazy results read
 * to see that nothing ran before a subscription. The delegate counts its calls in a public
 * {@code AtomicInteger calls} and takes its answers through public fields.
 */
final class RecordedProxy implements AutoCloseable {
    /** Every command, in order, as {@code "COMMAND key"}. */
    final List<String> commands = Collections.synchronizedList(new ArrayList<>());
    final Cashews cache = new Cashews();
    final Object impl;
    final Object proxy;

    /** Compiles {@code interfaceName} and {@code implName} from their sources, cleanly. */
    static CompiledClasses compile(String interfaceName, String source, String implName, String impl) {
        Compilation compilation = Compilations.compile(
                Compilations.source(interfaceName, source), Compilations.source(implName, impl));
        Compilations.assertCleanSuccess(compilation);
        return new CompiledClasses(compilation);
    }

    RecordedProxy(CompiledClasses classes, String implName, String proxyName) throws Exception {
        cache.setup("mem://", (command, backend, args, next) -> {
            commands.add(command + " " + args[0]);
            return next.call(args);
        });
        impl = classes.create(implName);
        proxy = classes.create(proxyName, impl, cache);
    }

    /** How often the delegate was called. */
    int calls() throws Exception {
        return ((AtomicInteger) impl.getClass().getField("calls").get(impl)).get();
    }

    /** Sets the delegate's public field {@code field}. */
    void set(String field, Object value) throws Exception {
        impl.getClass().getField(field).set(impl, value);
    }

    /** Calls {@code method(id)} on the proxy. */
    @SuppressWarnings("unchecked")
    <T> T invoke(String method, String id) throws Throwable {
        return (T) CompiledClasses.call(proxy, method, id);
    }

    /** The {@code SET} commands recorded so far: values stored (locks are {@code SET_LOCK}). */
    List<String> sets() {
        synchronized (commands) {
            return commands.stream().filter(c -> c.startsWith("SET ")).toList();
        }
    }

    @Override
    public void close() {
        cache.close();
    }
}
