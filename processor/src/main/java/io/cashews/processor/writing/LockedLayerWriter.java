package io.cashews.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.cashews.processor.model.LockedStrategy;
import io.cashews.processor.model.MethodModel;

/** {@code @Locked}: a {@code LockedMethod} with its lock TTL, wait flag and check interval. */
final class LockedLayerWriter implements LayerWriter<LockedStrategy> {

    @Override
    public ClassName runtimeType() {
        return RuntimeNames.LOCKED_METHOD;
    }

    @Override
    public CodeBlock create(LockedStrategy locked, MethodModel method, ClassContext context) {
        CodeBlock.Builder code = CodeBlock.builder()
                .add("$T.builder(cache, $S)$Z.ttlMillis($L)", runtimeType(), locked.template(),
                        LayerCode.millis(locked.ttlMillis()));
        if (!locked.waitForLock()) {
            code.add("$Z.waitForLock(false)");
        }
        if (locked.checkIntervalMillis() > 0) {
            code.add("$Z.checkIntervalMillis($L)", LayerCode.millis(locked.checkIntervalMillis()));
        }
        ReactiveCode.cancellable(code, method);
        return code.add("$Z.build()").build();
    }

    @Override
    public boolean cancellable() {
        return true;
    }
}
