package io.cashews.processor.writing;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import io.cashews.processor.model.CacheStrategy;
import io.cashews.processor.model.MethodModel;
import java.util.List;
import java.util.stream.Collectors;

/** Small code pieces the cache writers share. */
final class Arguments {
    private Arguments() {}

    /**
     * The {@code args} expression for the runtime: a new array of the call's arguments when a
     * condition or TTL function needs them (declared as a local in {@code body}), else {@code null}.
     */
    static CodeBlock write(CodeBlock.Builder body, MethodModel method, CacheStrategy cache, String args) {
        if (!cache.needsArguments()) {
            return CodeBlock.of("null");
        }
        body.addStatement("$T[] $N = new $T[] {$L}", Object.class, args, Object.class,
                method.parameters().stream().map(MethodModel.Parameter::name).collect(Collectors.joining(", ")));
        return CodeBlock.of("$N", args);
    }

    /** {@code A | B | C} for a multi-catch. */
    static CodeBlock union(List<TypeName> types) {
        return types.stream().map(t -> CodeBlock.of("$T", t)).collect(CodeBlock.joining(" | "));
    }
}
