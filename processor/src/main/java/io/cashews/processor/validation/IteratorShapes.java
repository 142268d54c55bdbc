package io.cashews.processor.validation;

import io.cashews.processor.mirror.CacheMirror;
import io.cashews.processor.model.ResultShape;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import org.jspecify.annotations.Nullable;

/**
 * The iterator strategy's part of validating {@code @Cache}: which multi-valued results it
 * supports and which options make no sense for them.
 *
 * <p>Supported: exactly {@code java.util.stream.Stream<T>}, {@code java.util.Iterator<T>},
 * {@code java.util.concurrent.Flow.Publisher<T>}, Reactor's {@code Flux<T>} and Mutiny's
 * {@code Multi<T>} (both recognised by name, see {@link ReactiveTypes}), the last two cold as a
 * publisher is. Other subtypes of {@code BaseStream},
 * {@code Iterator} or {@code Publisher} ({@code IntStream}, {@code ListIterator}, a
 * {@code SubmissionPublisher}…) stay errors ({@code [CashewsIteratorUnsupported]}): the proxy
 * could not return a replay of the same type. {@code Iterable}s such as {@code List} are values.
 *
 * <p>Not supported on these shapes, each an error naming the option ({@code [CashewsIteratorOption]}):
 * {@code lock} and {@code timeCondition} (a sequence is produced while the consumer pulls, so
 * neither a lock nor the computation time has a meaningful extent), {@code ttlFunction} (there is no
 * single result to compute a TTL from), {@code onlyExceptions} (a sequence of no stored element
 * cannot be replayed). {@code withExceptions} is supported: a listed exception ends a replayable
 * sequence and is thrown again at the same point on replay. {@code protect} is accepted and has no effect: concurrent
 * consumers each pull their own source. Stacking another annotation on such a method is an error
 * ({@code [CashewsIteratorStacked]}): the other strategies work on one result.
 */
final class IteratorShapes {
    private static final Map<String, ResultShape> SHAPES = Map.of(
            "java.util.stream.Stream", ResultShape.STREAM,
            "java.util.Iterator", ResultShape.ITERATOR,
            "java.util.concurrent.Flow.Publisher", ResultShape.PUBLISHER,
            ReactiveTypes.FLUX, ResultShape.FLUX,
            ReactiveTypes.MULTI, ResultShape.MULTI);
    // Multi is a Flow.Publisher; Flux, a Reactive Streams publisher, is named by itself.
    private static final List<String> FAMILIES = List.of("java.util.stream.BaseStream", "java.util.Iterator",
            "java.util.concurrent.Flow.Publisher", ReactiveTypes.FLUX);

    private final TypeSupport support;

    IteratorShapes(TypeSupport support) {
        this.support = support;
    }

    /** Whether the type belongs to one of the families the iterator strategy is about. */
    boolean isIteratorFamily(TypeMirror type) {
        if (type.getKind() != TypeKind.DECLARED) {
            return false;
        }
        for (String name : FAMILIES) {
            TypeElement element = support.typeElement(name);
            if (element != null && support.types().isSubtype(support.types().erasure(type),
                    support.types().erasure(element.asType()))) {
                return true;
            }
        }
        return false;
    }

    /** The shape of a supported type, or {@code null} for another member of the families. */
    @Nullable ResultShape shape(TypeMirror type) {
        TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
        return SHAPES.get(element.getQualifiedName().toString());
    }

    /**
     * Reports the options and stacked annotations the iterator strategy cannot honour.
     *
     * @return whether there was none
     */
    boolean checkOptions(MethodRule.Context context, AnnotationMirror annotation, CacheMirror cache, String shown) {
        boolean ok = true;
        String method = context.method().getSimpleName().toString();
        if (cache.lock().value()) {
            context.report().error(Messages.iteratorOption(method, shown, "lock = true"), context.method(),
                    annotation, cache.lock().node());
            ok = false;
        }
        if (!cache.timeCondition().value().isEmpty()) {
            context.report().error(Messages.iteratorOption(method, shown, "timeCondition"), context.method(),
                    annotation, cache.timeCondition().node());
            ok = false;
        }
        if (cache.ttlFunction().value().getKind() != TypeKind.VOID) {
            context.report().error(Messages.iteratorOption(method, shown, "ttlFunction"), context.method(),
                    annotation, cache.ttlFunction().node());
            ok = false;
        }
        if (!cache.onlyExceptions().value().isEmpty()) {
            context.report().error(Messages.iteratorOption(method, shown, "onlyExceptions (which stores no element)"),
                    context.method(), annotation, cache.onlyExceptions().node());
            ok = false;
        }
        for (AnnotationMirror other : context.method().getAnnotationMirrors()) {
            String name = ProxyValidator.qualifiedName(other);
            if (other != annotation && name.startsWith("io.cashews.annotations.")) {
                context.report().error(Messages.iteratorStacked(method, shown,
                        name.substring(name.lastIndexOf('.') + 1)), context.method(), other, null);
                ok = false;
            }
        }
        return ok;
    }
}
