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
                .add("$T.builder(this.cache, $S).ttlMillis($LL)", runtimeType(), locked.template(), locked.ttlMillis());
        if (!locked.waitForLock()) {
            code.add(".waitForLock(false)");
        }
        if (locked.checkIntervalMillis() > 0) {
            code.add(".checkIntervalMillis($LL)", locked.checkIntervalMillis());
        }
        return code.add(".build()").build();
    }
}
