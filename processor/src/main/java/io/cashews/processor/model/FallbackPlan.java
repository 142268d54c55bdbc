package io.cashews.processor.model;

import java.util.List;

/**
 * A checked {@code fallback = "method"}: the interface method that answers refused calls.
 *
 * @param method the fallback method's name
 * @param parameterTypes its parameter types, the same as the limited method's
 * @param returnsVoid whether it returns {@code void}
 */
public record FallbackPlan(String method, List<TypeRef> parameterTypes, boolean returnsVoid) {

    public FallbackPlan {
        parameterTypes = List.copyOf(parameterTypes);
    }
}
