package io.cashews.processor.validation;

import io.cashews.processor.mirror.Attribute;
import io.cashews.processor.mirror.CacheMirror;
import io.cashews.processor.model.CacheStrategy;
import io.cashews.processor.model.ExceptionCaching;
import io.cashews.processor.model.KeyPlan;
import io.cashews.processor.model.ResultShape;
import io.cashews.processor.model.Strategy;
import io.cashews.processor.model.TagPlan;
import io.cashews.processor.model.TypeRef;
import io.cashews.processor.template.KeyTemplates;
import io.cashews.processor.template.Segment;
import io.cashews.processor.template.TemplateSyntaxException;
import io.cashews.processor.ttl.TtlParser;
import io.cashews.processor.ttl.TtlSyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import org.jspecify.annotations.Nullable;

/**
 * Validates {@code @Cache} (SPEC §4): result shape, TTL, time condition, key template, condition
 * and TTL function classes, and the exceptions the loader must pass through.
 *
 * <p>Decisions on result shapes: {@code void} is an error (nothing to cache). A
 * {@code CompletionStage<Void>} or {@code CompletableFuture<Void>} is allowed: it caches the fact
 * that the work completed, so a hit skips the work. {@code Stream<T>}, {@code Iterator<T>} and
 * {@code Flow.Publisher<T>} use the iterator strategy (see {@link IteratorShapes}); other streams,
 * iterators and publishers are an error ({@code [CashewsIteratorUnsupported]}) rather than being
 * cached as plain values, which would store a consumed, single-use object. Reactor's
 * {@code Mono<T>} and Mutiny's {@code Uni<T>} (recognised by name, see {@link ReactiveTypes}) go
 * through the asynchronous path, adapted lazily: nothing runs before a subscription; a subtype of
 * either is an error ({@code [CashewsReactiveUnsupported]}). {@code Flux<T>} and {@code Multi<T>}
 * are iterator shapes. An empty {@code Mono} or a {@code null} item of a {@code Uni} is a
 * {@code null} result, stored and replayed as one unless the condition says no.
 */
final class CacheRule implements MethodRule {
    private static final List<String> ASYNC_TYPES =
            List.of("java.util.concurrent.CompletionStage", "java.util.concurrent.CompletableFuture");

    private final TypeSupport support;
    private final KeyResolver keys;
    private final StrategyClasses classes;
    private final IteratorShapes iterators;
    private final CommonChecks checks;

    CacheRule(TypeSupport support, CommonChecks checks) {
        this.support = support;
        this.checks = checks;
        this.keys = new KeyResolver(support);
        this.classes = new StrategyClasses(support.elements(), support.types());
        this.iterators = new IteratorShapes(support);
    }

    @Override
    public String annotation() {
        return CacheMirror.NAME;
    }

    @Override
    public @Nullable Strategy validate(Context context, AnnotationMirror annotation) {
        CacheMirror cache = CacheMirror.read(annotation, support.elements());
        Report report = context.report();
        ExecutableElement method = context.method();
        String methodName = method.getSimpleName().toString();
        boolean ok = true;

        TypeMirror returnType = context.type().getReturnType();
        ResultShape shape = ResultShape.VALUE;
        TypeMirror valueType = returnType;
        if (returnType.getKind() == TypeKind.VOID) {
            report.error(Messages.voidReturn("Cache", methodName), method, annotation, null);
            ok = false;
        } else if (support.isOneOf(returnType, ASYNC_TYPES, false)) {
            shape = ResultShape.ASYNC;
            List<? extends TypeMirror> arguments = ((DeclaredType) returnType).getTypeArguments();
            valueType = arguments.isEmpty() ? support.typeElement("java.lang.Object").asType()
                    : arguments.get(0);
        } else if (ReactiveTypes.shape(returnType) == ResultShape.MONO
                || ReactiveTypes.shape(returnType) == ResultShape.UNI) {
            shape = ReactiveTypes.shape(returnType);
            valueType = support.elementType(returnType);
        } else if (ReactiveTypes.isSingle(support, returnType)) {
            report.error(Messages.reactiveUnsupported("Cache", methodName, returnType.toString()), method, annotation,
                    null);
            ok = false;
        } else if (iterators.isIteratorFamily(returnType)) {
            ResultShape iterator = iterators.shape(returnType);
            if (iterator == null) {
                report.error(Messages.iteratorUnsupported("Cache", methodName, returnType.toString()),
                        method, annotation, null);
                ok = false;
            } else {
                shape = iterator;
                valueType = support.elementType(returnType);
                ok &= iterators.checkOptions(context, annotation, cache, returnType.toString());
            }
        }

        long ttl = 0;
        try {
            ttl = TtlParser.parseMillis(cache.ttl().value());
            if (ttl <= 0) {
                report.error(Messages.nonPositiveTtl("ttl", cache.ttl().value()), method, annotation, cache.ttl().node());
                ok = false;
            }
        } catch (TtlSyntaxException e) {
            report.error(Messages.badTtl("ttl", cache.ttl().value(), e.getMessage()), method, annotation,
                    cache.ttl().node());
            ok = false;
        }

        long timeCondition = 0;
        if (!cache.timeCondition().value().isEmpty()) {
            try {
                timeCondition = TtlParser.parseMillis(cache.timeCondition().value());
                if (timeCondition <= 0) {
                    report.error(Messages.nonPositiveTimeCondition(cache.timeCondition().value()), method, annotation,
                            cache.timeCondition().node());
                    ok = false;
                }
            } catch (TtlSyntaxException e) {
                report.error(Messages.badTimeCondition(cache.timeCondition().value(), e.getMessage()), method,
                        annotation, cache.timeCondition().node());
                ok = false;
            }
        }

        StrategyClasses.Checked condition =
                classes.check(cache.condition(), "condition", "io.cashews.CacheCondition", context, annotation);
        StrategyClasses.Checked ttlFunction =
                classes.check(cache.ttlFunction(), "ttlFunction", "io.cashews.TtlFunction", context, annotation);
        ok &= condition.ok() && ttlFunction.ok();

        ExceptionCaching exceptions = exceptionCaching(context, annotation, cache);
        ok &= exceptions != null;

        List<TypeRef> checked = checkedExceptions(context, annotation);
        ok &= checked != null;

        KeyPlan key = null;
        String template = cache.key().value().isEmpty() ? DefaultKeys.template(context) : cache.key().value();
        try {
            List<Segment> segments = KeyTemplates.parse(template);
            key = keys.resolve(new KeyResolver.Source(template, cache.prefix().value(), segments,
                    parameters(context), method, annotation, cache.key().node(), context.owner()), report);
        } catch (TemplateSyntaxException e) {
            report.error(Messages.templateSyntax(template, e.getMessage(), e.offset()), method, annotation,
                    cache.key().node());
        }
        Map<String, AnnotationValue> values = Attribute.values(annotation, support.elements());
        Long fingerprint = checks.fingerprint(context, annotation, values, "Cache", valueType);
        ok &= fingerprint != null;
        List<TagPlan> tags = new TagResolver(support).tags(context, annotation, values, "Cache");
        if (tags != null && !tags.isEmpty() && shape.isIterator()) {
            report.error(Messages.iteratorOption(methodName, returnType.toString(), "tags"), method, annotation,
                    values.get("tags"));
            tags = null;
        }
        if (!ok || key == null || checked == null || tags == null) {
            return null;
        }
        String shownTemplate = cache.prefix().value().isEmpty() ? template : cache.prefix().value() + ":" + template;
        return new CacheStrategy(shownTemplate, key, ttl, timeCondition, condition.name(), ttlFunction.name(),
                cache.lock().value(), cache.protect().value(), shape,
                TypeRefs.boxed(valueType), checked, exceptions, tags, fingerprint);
    }

    /** {@code withExceptions} / {@code onlyExceptions}, or {@code null} after reporting both set. */
    private static @Nullable ExceptionCaching exceptionCaching(Context context, AnnotationMirror annotation,
            CacheMirror cache) {
        if (!cache.withExceptions().value().isEmpty() && !cache.onlyExceptions().value().isEmpty()) {
            context.report().error(Messages.withAndOnlyExceptions(), context.method(), annotation,
                    cache.onlyExceptions().node());
            return null;
        }
        if (!cache.onlyExceptions().value().isEmpty()) {
            return new ExceptionCaching(CommonChecks.classNames(cache.onlyExceptions()), true);
        }
        return cache.withExceptions().value().isEmpty() ? ExceptionCaching.NONE
                : new ExceptionCaching(CommonChecks.classNames(cache.withExceptions()), false);
    }

    static Map<String, TypeMirror> parameters(Context context) {
        Map<String, TypeMirror> parameters = new LinkedHashMap<>();
        List<? extends VariableElement> elements = context.method().getParameters();
        for (int i = 0; i < elements.size(); i++) {
            parameters.put(elements.get(i).getSimpleName().toString(), context.type().getParameterTypes().get(i));
        }
        return parameters;
    }

    /**
     * The declared checked exceptions without those already covered by another declared one, or
     * {@code null} after reporting a {@code throws Throwable} the loader cannot carry.
     */
    private @Nullable List<TypeRef> checkedExceptions(Context context, AnnotationMirror annotation) {
        List<? extends TypeMirror> thrown = context.type().getThrownTypes();
        TypeMirror uncarriable = CheckedExceptions.uncarriable(support, thrown);
        if (uncarriable != null) {
            context.report().error(Messages.throwsThrowable("Cache", context.method().getSimpleName().toString(),
                    uncarriable.toString()), context.method(), annotation, null);
            return null;
        }
        return CheckedExceptions.minimal(support, thrown);
    }
}
