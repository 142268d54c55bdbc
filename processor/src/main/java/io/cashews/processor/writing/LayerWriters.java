package io.cashews.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.cashews.processor.model.BloomAddStrategy;
import io.cashews.processor.model.BloomStrategy;
import io.cashews.processor.model.CacheStrategy;
import io.cashews.processor.model.CircuitBreakerStrategy;
import io.cashews.processor.model.DualBloomStrategy;
import io.cashews.processor.model.EarlyStrategy;
import io.cashews.processor.model.FailoverStrategy;
import io.cashews.processor.model.HitStrategy;
import io.cashews.processor.model.InvalidateStrategy;
import io.cashews.processor.model.LockedStrategy;
import io.cashews.processor.model.MethodModel;
import io.cashews.processor.model.RateLimitStrategy;
import io.cashews.processor.model.SliceRateLimitStrategy;
import io.cashews.processor.model.SoftStrategy;
import io.cashews.processor.model.Strategy;
import io.cashews.processor.model.TransactionStrategy;
import java.util.Map;

/** The {@link LayerWriter} of every strategy record: a new strategy is a new entry here. */
final class LayerWriters {
    private LayerWriters() {}

    private static final Map<Class<? extends Strategy>, LayerWriter<?>> WRITERS = Map.ofEntries(
            Map.entry(CacheStrategy.class, new CacheLayerWriter()),
            Map.entry(HitStrategy.class, new HitLayerWriter()),
            Map.entry(EarlyStrategy.class, new EarlyLayerWriter()),
            Map.entry(SoftStrategy.class, new SoftLayerWriter()),
            Map.entry(FailoverStrategy.class, new FailoverLayerWriter()),
            Map.entry(InvalidateStrategy.class, new InvalidateLayerWriter()),
            Map.entry(TransactionStrategy.class, new TransactionLayerWriter()),
            Map.entry(BloomStrategy.class, new BloomLayerWriter()),
            Map.entry(BloomAddStrategy.class, new BloomAddLayerWriter()),
            Map.entry(DualBloomStrategy.class, new DualBloomLayerWriter()),
            Map.entry(LockedStrategy.class, new LockedLayerWriter()),
            Map.entry(RateLimitStrategy.class, new RateLimitLayerWriter()),
            Map.entry(SliceRateLimitStrategy.class, new SliceRateLimitLayerWriter()),
            Map.entry(CircuitBreakerStrategy.class, new CircuitBreakerLayerWriter()));

    /** The writer of {@code strategy}'s record. */
    @SuppressWarnings("unchecked") // the map pairs each record class with its own writer
    static <S extends Strategy> LayerWriter<S> of(S strategy) {
        LayerWriter<?> writer = WRITERS.get(strategy.getClass());
        if (writer == null) {
            throw new IllegalStateException("no layer writer for " + strategy.getClass().getSimpleName());
        }
        return (LayerWriter<S>) writer;
    }

    static ClassName runtimeType(Strategy strategy) {
        return of(strategy).runtimeType();
    }

    static CodeBlock create(Strategy strategy, MethodModel method, ClassContext context) {
        return of(strategy).create(strategy, method, context);
    }
}
