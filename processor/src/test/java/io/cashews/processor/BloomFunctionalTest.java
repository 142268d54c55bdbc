package io.cashews.processor;

import static io.cashews.processor.CompiledClasses.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.testing.compile.Compilation;
import io.cashews.Cashews;
import io.cashews.Command;
import io.cashews.Scope;
import io.cashews.internal.BloomFilter;
import io.cashews.time.ManualClock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code @Bloom}, {@code @BloomAdd} and {@code @DualBloom} through generated proxies on {@code mem://}. */
@SuppressWarnings("try") // scopes are opened for their effect
class BloomFunctionalTest {

    private static final String SOURCE = """
            package bl;

            import io.cashews.annotations.Bloom;
            import io.cashews.annotations.BloomAdd;
            import io.cashews.annotations.Cache;
            import io.cashews.annotations.DualBloom;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CompletionStage;

            public interface Emails {
                @Bloom(name = "emails", capacity = 1000, falsePositives = 1)
                boolean known(String email);

                @BloomAdd(name = "emails")
                boolean register(String address);

                @Bloom(capacity = 1000, checkFalsePositive = false, key = "{email:lower}")
                Boolean quick(String email);

                @BloomAdd(name = "quick", key = "{email:lower}")
                String addQuick(String email);

                @Bloom(name = "async", capacity = 100, falsePositives = 0.5)
                CompletableFuture<Boolean> knownAsync(String email);

                @BloomAdd(name = "async")
                CompletionStage<Boolean> registerAsync(String email);

                @DualBloom(capacity = 100)
                boolean exists(int id);

                @DualBloom(capacity = 100)
                CompletionStage<Boolean> existsAsync(int id);

                @Bloom(name = "cached", capacity = 100)
                @Cache(ttl = "1h", key = "cached:{email}")
                boolean cachedKnown(String email);

                @BloomAdd(name = "cached")
                boolean addCached(String email);
            }
            """;

    private static final String IMPL = """
            package bl;

            import java.util.HashSet;
            import java.util.Set;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CompletionStage;

            public class EmailsImpl implements Emails {
                public final Set<String> stored = new HashSet<>();
                public int lookups;
                public boolean refuse;

                @Override public boolean known(String email) { lookups++; return stored.contains(email); }
                @Override public boolean register(String address) { return !refuse && stored.add(address); }
                @Override public Boolean quick(String email) { lookups++; return stored.contains(email.toLowerCase()); }
                @Override public String addQuick(String email) {
                    stored.add(email.toLowerCase());
                    return refuse ? null : email;
                }
                @Override public CompletableFuture<Boolean> knownAsync(String email) {
                    lookups++;
                    return CompletableFuture.completedFuture(stored.contains(email));
                }
                @Override public CompletionStage<Boolean> registerAsync(String email) {
                    if (refuse) {
                        return CompletableFuture.failedFuture(new IllegalStateException("refused"));
                    }
                    return CompletableFuture.completedFuture(stored.add(email));
                }
                @Override public boolean exists(int id) { lookups++; return id % 2 == 0; }
                @Override public CompletionStage<Boolean> existsAsync(int id) {
                    lookups++;
                    return CompletableFuture.completedFuture(id % 2 == 0);
                }
                @Override public boolean cachedKnown(String email) { lookups++; return stored.contains(email); }
                @Override public boolean addCached(String email) { return stored.add(email); }
            }
            """;

    private static CompiledClasses classes;

    private Cashews cache;
    private Object impl;
    private Object proxy;

    @BeforeAll
    static void compile() {
        Compilation compilation = Compilations.compile(
                Compilations.source("bl.Emails", SOURCE),
                Compilations.source("bl.EmailsImpl", IMPL));
        Compilations.assertCleanSuccess(compilation);
        classes = new CompiledClasses(compilation);
    }

    @BeforeEach
    void setUp() throws Exception {
        cache = Cashews.builder().clock(new ManualClock()).build();
        cache.setup("mem://");
        impl = classes.create("bl.EmailsImpl");
        proxy = classes.create("bl.Emails_Cached", impl, cache);
    }

    @AfterEach
    void tearDown() {
        cache.close();
    }

    private int lookups() throws Exception {
        return impl.getClass().getField("lookups").getInt(impl);
    }

    @SuppressWarnings("unchecked")
    private <T> T join(Object stage) throws Exception {
        return ((CompletionStage<T>) stage).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void negativeAnswerSkipsTheDelegate() throws Throwable {
        assertThat(call(proxy, "known", "a@x.io")).isEqualTo(false);
        assertThat(call(proxy, "known", "b@x.io")).isEqualTo(false);
        assertThat(lookups()).isZero();
    }

    @Test
    void addedElementIsConfirmedByTheDelegate() throws Throwable {
        assertThat(call(proxy, "register", "a@x.io")).isEqualTo(true);
        assertThat(call(proxy, "known", "a@x.io")).isEqualTo(true);
        assertThat(lookups()).isEqualTo(1);
        assertThat(call(proxy, "known", "other@x.io")).isEqualTo(false);
        assertThat(lookups()).isEqualTo(1);
    }

    @Test
    void filterKeyNamesTheInterfaceTheNameAndTheSize() throws Throwable {
        call(proxy, "register", "a@x.io");
        long bits = BloomFilter.bitCount(1000, 1);
        assertThat(cache.exists("bloom:bl.Emails.emails:" + bits)).isTrue();
        assertThat(cache.getExpire("bloom:bl.Emails.emails:" + bits)).isEqualTo(-1);
        BloomFilter filter = new BloomFilter("bloom:bl.Emails.emails", 1000, 1);
        assertThat(cache.getBits(filter.key(), 1, filter.indexes("a@x.io"))).containsOnly(1);
    }

    @Test
    void falsyResultOfTheAddDoesNotSetBits() throws Throwable {
        impl.getClass().getField("refuse").setBoolean(impl, true);
        assertThat(call(proxy, "register", "a@x.io")).isEqualTo(false);
        assertThat(call(proxy, "known", "a@x.io")).isEqualTo(false);
        assertThat(call(proxy, "addQuick", "B@x.io")).isNull();
        assertThat(call(proxy, "quick", "b@x.io")).isEqualTo(false);
        assertThat(lookups()).isZero();
    }

    @Test
    void withoutCheckFalsePositiveAPositiveAnswerSkipsTheDelegate() throws Throwable {
        assertThat(call(proxy, "addQuick", "Mixed@X.io")).isEqualTo("Mixed@X.io");
        assertThat(call(proxy, "quick", "MIXED@x.IO")).isEqualTo(true);
        assertThat(call(proxy, "quick", "nobody@x.io")).isEqualTo(false);
        assertThat(lookups()).isZero();
    }

    @Test
    void disabledBitsLetTheDelegateAnswer() throws Throwable {
        try (Scope off = cache.disabling(Command.GET_BITS, Command.INCR_BITS)) {
            assertThat(call(proxy, "register", "a@x.io")).isEqualTo(true);
            assertThat(call(proxy, "known", "a@x.io")).isEqualTo(true);
            assertThat(lookups()).isEqualTo(1);
        }
        // Nothing was added while disabled.
        assertThat(call(proxy, "known", "a@x.io")).isEqualTo(false);
    }

    @Test
    void asyncBloomNeverCallsTheDelegateOnANegative() throws Throwable {
        assertThat(this.<Boolean>join(call(proxy, "knownAsync", "a@x.io"))).isFalse();
        assertThat(lookups()).isZero();
        assertThat(this.<Boolean>join(call(proxy, "registerAsync", "a@x.io"))).isTrue();
        assertThat(this.<Boolean>join(call(proxy, "knownAsync", "a@x.io"))).isTrue();
        assertThat(lookups()).isEqualTo(1);
    }

    @Test
    void asyncAddThatFailsSetsNoBitsAndFailsTheCaller() throws Throwable {
        impl.getClass().getField("refuse").setBoolean(impl, true);
        CompletableFuture<?> add = ((CompletionStage<?>) call(proxy, "registerAsync", "a@x.io")).toCompletableFuture();
        assertThatThrownBy(() -> add.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("refused");
        assertThat(this.<Boolean>join(call(proxy, "knownAsync", "a@x.io"))).isFalse();
        assertThat(lookups()).isZero();
    }

    @Test
    void dualBloomLearnsBothAnswers() throws Throwable {
        assertThat(call(proxy, "exists", 2)).isEqualTo(true);
        assertThat(call(proxy, "exists", 3)).isEqualTo(false);
        assertThat(lookups()).isEqualTo(2);
        for (int i = 0; i < 3; i++) {
            assertThat(call(proxy, "exists", 2)).isEqualTo(true);
            assertThat(call(proxy, "exists", 3)).isEqualTo(false);
        }
        assertThat(lookups()).isEqualTo(2);
        long bits = BloomFilter.bitCount(100, 1);
        assertThat(cache.exists("dual_bloom:bl.Emails.exists:" + bits + ":true")).isTrue();
        assertThat(cache.exists("dual_bloom:bl.Emails.exists:" + bits + ":false")).isTrue();
    }

    @Test
    void dualBloomAsyncLearnsBothAnswers() throws Throwable {
        assertThat(this.<Boolean>join(call(proxy, "existsAsync", 4))).isTrue();
        assertThat(this.<Boolean>join(call(proxy, "existsAsync", 5))).isFalse();
        assertThat(this.<Boolean>join(call(proxy, "existsAsync", 4))).isTrue();
        assertThat(this.<Boolean>join(call(proxy, "existsAsync", 5))).isFalse();
        assertThat(lookups()).isEqualTo(2);
    }

    @Test
    void dualBloomWithBothFiltersSetAsksTheDelegate() throws Throwable {
        BloomFilter filter = new BloomFilter("dual_bloom:bl.Emails.exists", 100, 1);
        cache.incrBits(filter.key() + ":true", 1, 1, filter.indexes("7true"));
        cache.incrBits(filter.key() + ":false", 1, 1, filter.indexes("7false"));
        assertThat(call(proxy, "exists", 7)).isEqualTo(false);
        assertThat(call(proxy, "exists", 7)).isEqualTo(false);
        assertThat(lookups()).isEqualTo(2);
    }

    @Test
    void bloomOverACacheConsultsTheFilterFirst() throws Throwable {
        assertThat(call(proxy, "cachedKnown", "a@x.io")).isEqualTo(false);
        assertThat(lookups()).isZero();
        call(proxy, "addCached", "a@x.io");
        assertThat(call(proxy, "cachedKnown", "a@x.io")).isEqualTo(true);
        assertThat(call(proxy, "cachedKnown", "a@x.io")).isEqualTo(true);
        assertThat(lookups()).isEqualTo(1);
    }
}
