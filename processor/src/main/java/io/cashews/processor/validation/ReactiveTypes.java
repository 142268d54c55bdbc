package io.cashews.processor.validation;

import io.cashews.processor.model.ResultShape;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import org.jspecify.annotations.Nullable;

/**
 * Reactor's {@code Mono}/{@code Flux} and Mutiny's {@code Uni}/{@code Multi}, recognised by their
 * qualified names: neither the processor nor the runtime depends on either library, and a
 * compilation without them simply never matches. Only the four types themselves are supported;
 * a subtype (a {@code ConnectableFlux}, a processor) could not be returned as a replay of itself.
 *
 * <p>{@code Mono} and {@code Uni} take every strategy, alone or stacked, through the asynchronous
 * path, deferred to each subscription and cancellable with it; {@code Flux} and {@code Multi} are
 * cached by {@code @Cache} through the iterator strategy, and the other strategies do not take
 * them: they are consumed once, as a {@code Flow.Publisher} is ({@link CommonChecks#consumedOnce}).
 */
final class ReactiveTypes {
    static final String MONO = "reactor.core.publisher.Mono";
    static final String FLUX = "reactor.core.publisher.Flux";
    static final String UNI = "io.smallrye.mutiny.Uni";
    static final String MULTI = "io.smallrye.mutiny.Multi";

    /** The single-valued families, cached through the asynchronous path. */
    static final List<String> SINGLE = List.of(MONO, UNI);
    /** The multi-valued families; {@code Multi} is a {@code Flow.Publisher} already. */
    static final List<String> MULTIPLE = List.of(FLUX, MULTI);

    private static final Map<String, ResultShape> SHAPES =
            Map.of(MONO, ResultShape.MONO, UNI, ResultShape.UNI, FLUX, ResultShape.FLUX, MULTI, ResultShape.MULTI);

    private ReactiveTypes() {}

    /** The shape of exactly one of the four types, or {@code null}. */
    static @Nullable ResultShape shape(TypeMirror type) {
        if (type.getKind() != TypeKind.DECLARED) {
            return null;
        }
        return SHAPES.get(((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().toString());
    }

    /** Whether the type is a {@code Mono} or {@code Uni}, or a subtype of one. */
    static boolean isSingle(TypeSupport support, TypeMirror type) {
        return support.isOneOf(type, SINGLE, true);
    }
}
