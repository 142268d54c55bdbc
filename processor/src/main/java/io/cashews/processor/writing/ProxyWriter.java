package io.cashews.processor.writing;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.cashews.processor.model.MethodModel;
import io.cashews.processor.model.ProxyModel;
import java.util.List;
import java.util.Objects;
import javax.lang.model.element.Modifier;

/**
 * Writes the {@code X_Cached} source for a {@link ProxyModel}. The class skeleton is written
 * here; each method is written by the first {@link MethodWriter} rule that applies to it.
 */
public final class ProxyWriter {
    private final List<MethodWriter> rules =
            List.of(new DelegatingMethodWriter(), new SyncCacheWriter(), new AsyncCacheWriter(),
                    new IteratorCacheWriter(), new StackWriter());

    /** Creates the writer; it keeps no state between proxies. */
    public ProxyWriter() {}

    /** The proxy's source text; its only originating element is the interface. */
    public String write(ProxyModel model) {
        TypeName interfaceType = Poet.type(model.interfaceType());
        TypeSpec.Builder type = TypeSpec.classBuilder(Poet.className(model.proxyName()))
                .addJavadoc("A caching proxy for {@link $T}.\n", Poet.className(model.interfaceName()))
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addTypeVariables(Poet.variables(model.typeVariables()))
                .addSuperinterface(interfaceType)
                .addOriginatingElement(model.originating())
                .alwaysQualify(model.qualifiedNames().toArray(String[]::new));
        if (model.generatedAnnotation()) {
            type.addAnnotation(AnnotationSpec.builder(RuntimeNames.GENERATED)
                    .addMember("value", "$S", RuntimeNames.PROCESSOR)
                    .build());
        }

        CodeBlock.Builder constructorBody = CodeBlock.builder()
                .addStatement("this.delegate = $T.requireNonNull(delegate, $S)", Objects.class, "delegate")
                // Layers are built from the parameter; no method body needs the instance again.
                .addStatement("$T.requireNonNull(cache, $S)", Objects.class, "cache");
        ClassContext context = new ClassContext(model, type, constructorBody);

        CodeBlock valueTypes = ValueTypesWriter.write(model);
        if (valueTypes != null) {
            type.addStaticBlock(valueTypes);
        }
        type.addField(FieldSpec.builder(interfaceType, "delegate", Modifier.PRIVATE, Modifier.FINAL).build());
        // Methods are generated before the constructors so that their fields and the
        // constructor statements that build them are already known.
        List<MethodSpec> methods = model.methods().stream().map(m -> rule(m).write(m, context)).toList();

        type.addMethod(MethodSpec.constructorBuilder()
                .addJavadoc("Caches the results of {@code delegate} in {@code cache}.\n")
                .addModifiers(Modifier.PUBLIC)
                .addParameter(interfaceType, "delegate")
                .addParameter(RuntimeNames.CASHEWS, "cache")
                .addCode(constructorBody.build())
                .build());
        type.addMethod(MethodSpec.constructorBuilder()
                .addJavadoc("Caches the results of {@code delegate} in {@link $T#defaultCache()}.\n", RuntimeNames.CASHEWS)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(interfaceType, "delegate")
                .addStatement("this(delegate, $T.defaultCache())", RuntimeNames.CASHEWS)
                .build());
        type.addMethods(methods);
        context.helpers().forEach(type::addMethod);
        type.addType(FactoryWriter.write(model));
        return Layout.tighten(JavaFile.builder(model.proxyName().packageName(), type.build())
                .skipJavaLangImports(true)
                .indent("    ")
                .build()
                .toString());
    }

    private MethodWriter rule(MethodModel method) {
        return rules.stream()
                .filter(r -> r.appliesTo(method))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no writer for method " + method.name()
                        + " with strategies " + method.strategies()));
    }
}
