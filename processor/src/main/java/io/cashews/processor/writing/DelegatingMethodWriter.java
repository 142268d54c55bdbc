package io.cashews.processor.writing;

import com.palantir.javapoet.MethodSpec;
import io.cashews.processor.model.MethodModel;

/** Methods without caching annotations call the delegate directly. */
final class DelegatingMethodWriter implements MethodWriter {

    @Override
    public boolean appliesTo(MethodModel method) {
        return method.strategies().isEmpty();
    }

    @Override
    public MethodSpec write(MethodModel method, ClassContext context) {
        MethodSpec.Builder builder = MethodWriter.override(method);
        if (method.returnsVoid()) {
            builder.addStatement("$L", MethodWriter.delegateCall(method));
        } else {
            builder.addStatement("return $L", MethodWriter.delegateCall(method));
        }
        return builder.build();
    }
}
