package io.cashews.processor.writing;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.cashews.processor.model.ProxyModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What method writers share while one proxy class is written: the class being built, the
 * constructor statements that create strategy objects, the member names taken so far, and the
 * private helper methods written on the side.
 */
final class ClassContext {
    private final ProxyModel model;
    private final TypeSpec.Builder type;
    private final CodeBlock.Builder constructor;
    private final Set<String> taken = new HashSet<>();
    private final List<MethodSpec> helpers = new ArrayList<>();
    private final Map<ValueTypeKey, String> valueTypes = new HashMap<>();
    // The first constant of each type, whatever its fingerprint: what a type argument reuses.
    private final Map<TypeName, String> firstValueTypes = new HashMap<>();
    private final Map<String, String> sharedHelpers = new HashMap<>();

    ClassContext(ProxyModel model, TypeSpec.Builder type, CodeBlock.Builder constructor) {
        this.model = model;
        this.type = type;
        this.constructor = constructor;
        // The proxy's field and the constructor's parameter the layers are built from.
        taken.add("delegate");
        taken.add("cache");
    }

    ProxyModel model() {
        return model;
    }

    TypeSpec.Builder type() {
        return type;
    }

    CodeBlock.Builder constructor() {
        return constructor;
    }

    /**
     * A fresh member (field, constant or helper) name based on {@code suggestion}: the suggestion
     * itself, or for overloads the suggestion with a number ({@code find2}).
     */
    String newMember(String suggestion) {
        String name = suggestion;
        for (int n = 2; taken.contains(name); n++) {
            name = suggestion + n;
        }
        taken.add(name);
        return name;
    }

    /** The member names taken so far. */
    Set<String> members() {
        return Collections.unmodifiableSet(taken);
    }

    /** One {@code ValueType} constant: a type and its fingerprint ({@code 0} for none). */
    private record ValueTypeKey(TypeName type, long fingerprint) {}

    /**
     * The name of the {@code ValueType} constant of a type with a fingerprint ({@code 0} for none),
     * created by {@code create} on first use.
     */
    String valueTypeConstant(TypeName type, long fingerprint, Supplier<String> create) {
        ValueTypeKey key = new ValueTypeKey(type, fingerprint);
        String name = valueTypes.get(key);
        if (name == null) {
            name = create.get();
            valueTypes.put(key, name);
            firstValueTypes.putIfAbsent(type, name);
        }
        return name;
    }

    /**
     * The name of the first {@code ValueType} constant created for the type, whatever its
     * fingerprint (a type argument needs only the class and its arguments), else {@code null}.
     */
    @Nullable String existingValueTypeConstant(TypeName type) {
        return firstValueTypes.get(type);
    }

    /**
     * The name of a helper method that every method of the proxy shares, written by {@code create}
     * (given its name) on first use.
     */
    String helper(String suggestion, Function<String, MethodSpec> create) {
        String name = sharedHelpers.get(suggestion);
        if (name == null) {
            name = newMember(suggestion);
            sharedHelpers.put(suggestion, name);
            helpers.add(create.apply(name));
        }
        return name;
    }

    void addHelper(MethodSpec helper) {
        helpers.add(helper);
    }

    List<MethodSpec> helpers() {
        return helpers;
    }
}
