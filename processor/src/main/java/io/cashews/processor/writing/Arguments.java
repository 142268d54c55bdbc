package io.cashews.processor.writing;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import io.cashews.processor.model.CacheStrategy;
import io.cashews.processor.model.MethodModel;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Small code pieces the cache writers share. */
final class Arguments {
    private Arguments() {}

    /**
     * The {@code args} expression for the runtime: a new array of the call's arguments when a
     * condition, TTL function or tags need them, else {@code null}. It is written inline in the
     * miss path's call, so a hit allocates no array.
     */
    static CodeBlock write(MethodModel method, CacheStrategy cache) {
        if (!cache.needsArguments()) {
            return CodeBlock.of("null");
        }
        return CodeBlock.of("new $T[] {$L}", Object.class,
                method.parameters().stream().map(MethodModel.Parameter::name).collect(Collectors.joining(", ")));
    }

    /** {@code A | B | C} for a multi-catch. */
    static CodeBlock union(List<TypeName> types) {
        return types.stream().map(t -> CodeBlock.of("$T", t)).collect(CodeBlock.joining(" | "));
    }

    /**
     * The exception type a loader carries: {@code RuntimeException} for none, the one declared
     * checked exception, or {@code Exception} for two or more (which the proxy then catches and
     * rethrows, see {@link #rethrowing}).
     */
    static TypeName loaderException(List<TypeName> checked) {
        return checked.isEmpty() ? TypeName.get(RuntimeException.class)
                : checked.size() == 1 ? checked.get(0) : TypeName.get(Exception.class);
    }

    /**
     * Adds {@code statement} inside a {@code try} that rethrows unchecked and the declared
     * {@code checked} exceptions as they are: the loader's {@code Exception} type is wider than
     * the method's {@code throws} clause.
     */
    static void rethrowing(CodeBlock.Builder body, CodeBlock statement, List<TypeName> checked, String e) {
        List<TypeName> rethrown = new ArrayList<>();
        rethrown.add(TypeName.get(RuntimeException.class));
        rethrown.addAll(checked);
        body.beginControlFlow("try")
                .addStatement("$L", statement)
                .nextControlFlow("catch ($L $N)", union(rethrown), e)
                .addStatement("throw $N", e)
                .nextControlFlow("catch ($T $N)", Exception.class, e)
                // Unreachable in practice: the delegate can only throw what it declares.
                .addStatement("throw new $T($N)", UndeclaredThrowableException.class, e)
                .endControlFlow();
    }
}
