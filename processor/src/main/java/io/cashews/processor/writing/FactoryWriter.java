package io.cashews.processor.writing;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import io.cashews.processor.model.ProxyModel;
import java.util.Collections;
import javax.lang.model.element.Modifier;

/**
 * Writes the proxy's nested {@code Factory}, the {@code io.cashews.ProxyFactory} that lets an
 * integration wrap an object in the proxy without reflection. ServiceLoader finds it through
 * the {@code META-INF/services} file the processor writes with the proxy index. A generic
 * interface is named with wildcards ({@code Repository<?>}); the proxy the factory makes keeps
 * the delegate's type argument.
 */
final class FactoryWriter {
    /** The simple name of the nested class. */
    static final String NAME = "Factory";

    private FactoryWriter() {}

    static TypeSpec write(ProxyModel model) {
        ClassName iface = Poet.className(model.interfaceName());
        ClassName proxy = Poet.className(model.proxyName());
        TypeName type = wildcards(iface, model);
        TypeName proxyType = wildcards(proxy, model);
        TypeSpec.Builder factory = TypeSpec.classBuilder(NAME)
                .addJavadoc("Makes {@link $T} proxies; found by {@link java.util.ServiceLoader}.\n", proxy)
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addSuperinterface(ParameterizedTypeName.get(RuntimeNames.PROXY_FACTORY, type))
                .addMethod(MethodSpec.constructorBuilder()
                        .addJavadoc("Creates the factory; {@link java.util.ServiceLoader} calls this.\n")
                        .addModifiers(Modifier.PUBLIC)
                        .build());
        MethodSpec.Builder typeMethod = MethodSpec.methodBuilder("type")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(ParameterizedTypeName.get(ClassName.get(Class.class), type));
        MethodSpec.Builder proxyMethod = MethodSpec.methodBuilder("proxyType")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(ParameterizedTypeName.get(ClassName.get(Class.class), WildcardTypeName.subtypeOf(type)));
        if (model.isGeneric()) {
            // A class literal is raw: Repository.class is a Class<Repository>, never a Class<Repository<?>>.
            AnnotationSpec unchecked = AnnotationSpec.builder(SuppressWarnings.class).addMember("value", "$S", "unchecked").build();
            typeMethod.addAnnotation(unchecked).addStatement("return ($T) ($T<?>) $T.class",
                    ParameterizedTypeName.get(ClassName.get(Class.class), type), Class.class, iface);
            proxyMethod.addAnnotation(unchecked).addStatement("return ($T) ($T<?>) $T.class",
                    ParameterizedTypeName.get(ClassName.get(Class.class), proxyType), Class.class, proxy);
        } else {
            typeMethod.addStatement("return $T.class", iface);
            proxyMethod.addStatement("return $T.class", proxy);
        }
        MethodSpec wrap = MethodSpec.methodBuilder("wrap")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(type)
                .addParameter(type, "delegate")
                .addParameter(RuntimeNames.CASHEWS, "cache")
                .addStatement(model.isGeneric() ? "return new $T<>(delegate, cache)" : "return new $T(delegate, cache)", proxy)
                .build();
        return factory.addMethod(typeMethod.build()).addMethod(proxyMethod.build()).addMethod(wrap).build();
    }

    private static TypeName wildcards(ClassName raw, ProxyModel model) {
        if (!model.isGeneric()) {
            return raw;
        }
        TypeName[] arguments = Collections.nCopies(model.typeVariables().size(), WildcardTypeName.subtypeOf(Object.class))
                .toArray(TypeName[]::new);
        return ParameterizedTypeName.get(raw, arguments);
    }
}
