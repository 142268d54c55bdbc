package io.cashews.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.cashews.processor.model.MethodModel;
import io.cashews.processor.model.TransactionStrategy;

/** {@code @CacheTransaction}: {@code TransactionMethod.of(cache, mode, timeout)}. */
final class TransactionLayerWriter implements LayerWriter<TransactionStrategy> {

    @Override
    public ClassName runtimeType() {
        return RuntimeNames.TRANSACTION_METHOD;
    }

    @Override
    public CodeBlock create(TransactionStrategy transaction, MethodModel method, ClassContext context) {
        return CodeBlock.of("$T.of(cache, $S, $L)", runtimeType(), transaction.mode(),
                LayerCode.millis(transaction.timeoutMillis()));
    }
}
