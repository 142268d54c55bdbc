package io.cashews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StepTest {

    @Test
    void stepsHereNowChainWithoutFutures() {
        Step<Integer> chained = Step.now(1).then(one -> Step.now(one + 1)).map(two -> two * 10);
        assertThat(chained.value()).isEqualTo(20);
        assertThat(Step.all(List.of(Step.now("a"), Step.now("b"))).value()).containsExactly("a", "b");
    }

    @Test
    void aStepThatIsLaterHasNoValueNowButCompletesItsFuture() {
        CompletableFuture<Integer> pending = new CompletableFuture<>();
        Step<List<Integer>> all = Step.all(List.of(Step.now(1), Step.later(pending).map(n -> n + 1)));
        assertThatThrownBy(all::value).isInstanceOf(IllegalStateException.class);
        assertThat(all.future()).isNotDone();
        pending.complete(41);
        assertThat(all.future().join()).containsExactly(1, 42);
    }

    @Test
    void repeatLoopsOverStepsHereNowWithoutGrowingTheStack() {
        // deleteTags drains a tag batch after batch: a huge tag must not overflow the stack.
        AtomicInteger rounds = new AtomicInteger();
        Step.repeat(() -> Step.now(rounds.incrementAndGet() < 1_000_000)).value();
        assertThat(rounds).hasValue(1_000_000);
    }

    @Test
    void repeatChainsStepsThatAreLater() {
        AtomicInteger rounds = new AtomicInteger();
        CompletableFuture<?> done = Step.repeat(
                () -> Step.later(CompletableFuture.supplyAsync(() -> rounds.incrementAndGet() < 5))).future();
        done.join();
        assertThat(rounds).hasValue(5);
    }
}
