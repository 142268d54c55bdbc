package io.cashews.processor.writing;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import io.cashews.processor.model.CacheStrategy;
import io.cashews.processor.model.MethodModel;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

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

    /**
     * The loader of an asynchronous delegate call that declares checked exceptions: one thrown
     * while the delegate starts its work becomes a failed stage. A type variable cannot be caught,
     * so with one among them every checked exception is caught as {@code Exception}.
     */
    static CodeBlock asyncLoader(CodeBlock started, List<TypeName> checked, String e) {
        // Written as plain text: a lambda body cannot use statement markers inside a statement.
        CodeBlock.Builder loader = CodeBlock.builder().add("() -> {\n$>try {\n$>return $L;\n$<", started);
        if (hasVariable(checked)) {
            loader.add("} catch ($T $N) {\n$>throw $N;\n$<", RuntimeException.class, e, e)
                    .add("} catch ($T $N) {\n$>", Exception.class, e);
        } else {
            loader.add("} catch ($L $N) {\n$>", union(checked), e);
        }
        return loader.add("return $T.failedFuture($N);\n$<}\n$<}", CompletableFuture.class, e).build();
    }

    /** {@code A | B | C} for a multi-catch. */
    private static CodeBlock union(List<TypeName> types) {
        return types.stream().map(t -> CodeBlock.of("$T", t)).collect(CodeBlock.joining(" | "));
    }

    private static boolean hasVariable(List<TypeName> types) {
        return types.stream().anyMatch(TypeVariableName.class::isInstance);
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
     * the method's {@code throws} clause. A declared type variable cannot be caught; then every
     * checked exception leaves through the proxy's {@linkplain #rethrower rethrow helper} as that
     * variable, unchanged, since the delegate can only throw what it declares.
     */
    static void rethrowing(CodeBlock.Builder body, CodeBlock statement, List<TypeName> checked, String e,
            ClassContext context) {
        body.beginControlFlow("try").addStatement("$L", statement);
        TypeName variable = checked.stream().filter(TypeVariableName.class::isInstance).findFirst().orElse(null);
        if (variable != null) {
            body.nextControlFlow("catch ($T $N)", RuntimeException.class, e)
                    .addStatement("throw $N", e)
                    .nextControlFlow("catch ($T $N)", Exception.class, e)
                    .addStatement("throw $T.<$T>$N($N)", Poet.className(context.model().proxyName()), variable,
                            rethrower(context), e)
                    .endControlFlow();
            return;
        }
        List<TypeName> rethrown = new ArrayList<>();
        rethrown.add(TypeName.get(RuntimeException.class));
        rethrown.addAll(checked);
        body.nextControlFlow("catch ($L $N)", union(rethrown), e)
                .addStatement("throw $N", e)
                .nextControlFlow("catch ($T $N)", Exception.class, e)
                // Unreachable in practice: the delegate can only throw what it declares.
                .addStatement("throw new $T($N)", UndeclaredThrowableException.class, e)
                .endControlFlow();
    }

    /**
     * The proxy's static helper that throws an exception as a type variable, written on first
     * use: {@code throw (X) e} erases to {@code throw (Exception) e}, so it rethrows unchanged.
     */
    private static String rethrower(ClassContext context) {
        return context.helper("rethrow", name -> {
            TypeVariableName x = TypeVariableName.get("X", Exception.class);
            return MethodSpec.methodBuilder(name)
                    .addAnnotation(MethodWriter.suppress("unchecked"))
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .addTypeVariable(x)
                    .returns(RuntimeException.class)
                    .addParameter(Exception.class, "e")
                    .addException(x)
                    .addStatement("throw ($T) e", x)
                    .build();
        });
    }
}
