package io.cashews.processor.validation;

import io.cashews.processor.mirror.Attribute;
import io.cashews.processor.model.ExceptionCaching;
import io.cashews.processor.model.KeyPlan;
import io.cashews.processor.model.ResultShape;
import io.cashews.processor.model.TagPlan;
import io.cashews.processor.model.TypeRef;
import io.cashews.processor.template.KeyTemplates;
import io.cashews.processor.template.TemplateSyntaxException;
import io.cashews.processor.ttl.TtlParser;
import io.cashews.processor.ttl.TtlSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import org.jspecify.annotations.Nullable;

/**
 * The checks every decorator annotation shares: result shape, durations, key template, condition
 * class, carriable exceptions and exception lists. Each method reports on the attribute at fault
 * and returns a sentinel ({@code -1}, {@code null}) so a rule can collect every problem before
 * giving up.
 */
final class CommonChecks {
    private static final List<String> ASYNC_TYPES =
            List.of("java.util.concurrent.CompletionStage", "java.util.concurrent.CompletableFuture");
    // Mutiny's Multi is a Flow.Publisher; Reactor's Flux is named by itself (recognised by name).
    private static final List<String> STREAM_TYPES = List.of("java.util.stream.BaseStream", "java.util.Iterator",
            "java.util.concurrent.Flow.Publisher", ReactiveTypes.FLUX);

    private final TypeSupport support;
    private final KeyResolver keys;
    private final StrategyClasses classes;

    CommonChecks(TypeSupport support) {
        this.support = support;
        this.keys = new KeyResolver(support);
        this.classes = new StrategyClasses(support.elements(), support.types());
    }

    TypeSupport support() {
        return support;
    }

    /** The attributes of a layer annotation, defaults included. */
    Map<String, AnnotationValue> values(AnnotationMirror mirror) {
        return Attribute.values(mirror, support.elements());
    }

    /**
     * The method's result shape for a strategy that stores values, or {@code null} after an error:
     * {@code void} has nothing to store, and streams, iterators and publishers are consumed once.
     */
    @Nullable ResultShape valueShape(MethodRule.Context context, AnnotationMirror mirror, String annotation) {
        TypeMirror returnType = context.type().getReturnType();
        String method = context.method().getSimpleName().toString();
        if (returnType.getKind() == TypeKind.VOID) {
            context.report().error(Messages.voidReturn(annotation, method), context.method(), mirror, null);
            return null;
        }
        if (support.isOneOf(returnType, STREAM_TYPES, true)) {
            context.report().error(Messages.streamResult(annotation, method, returnType.toString()),
                    context.method(), mirror, null);
            return null;
        }
        return support.isOneOf(returnType, ASYNC_TYPES, false) ? ResultShape.ASYNC : ResultShape.VALUE;
    }

    /**
     * Whether the method's result can pass through a layer that keeps a copy (a failover):
     * anything but a stream, iterator or publisher, which are consumed once. Reports otherwise.
     */
    boolean notConsumedOnce(MethodRule.Context context, AnnotationMirror mirror, String annotation) {
        TypeMirror returnType = context.type().getReturnType();
        if (consumedOnce(returnType)) {
            context.report().error(Messages.streamResult(annotation, context.method().getSimpleName().toString(),
                    returnType.toString()), context.method(), mirror, null);
            return false;
        }
        return true;
    }

    /** Whether a result of this type is a stream, iterator or publisher, which is consumed once. */
    boolean consumedOnce(TypeMirror type) {
        return support.isOneOf(type, STREAM_TYPES, true);
    }

    /** A required, positive duration in milliseconds, or {@code -1} after an error. */
    long ttl(MethodRule.Context context, AnnotationMirror mirror, Attribute<String> attribute, String name) {
        return positiveMillis(context, mirror, attribute, written -> Messages.nonPositiveTtl(name, written),
                problem -> Messages.badTtl(name, attribute.value(), problem));
    }

    /**
     * A required, positive duration in milliseconds, or {@code -1} after reporting
     * {@code nonPositive} of the written value or {@code bad} of the parser's problem.
     */
    static long positiveMillis(MethodRule.Context context, AnnotationMirror mirror, Attribute<String> attribute,
            Function<String, String> nonPositive, Function<String, String> bad) {
        try {
            long millis = TtlParser.parseMillis(attribute.value());
            if (millis > 0) {
                return millis;
            }
            context.report().error(nonPositive.apply(attribute.value()), context.method(), mirror, attribute.node());
        } catch (TtlSyntaxException e) {
            context.report().error(bad.apply(e.getMessage()), context.method(), mirror, attribute.node());
        }
        return -1;
    }

    /** An optional positive duration: {@code 0} when empty, {@code -1} after an error. */
    long optionalTtl(MethodRule.Context context, AnnotationMirror mirror, Attribute<String> attribute, String name) {
        return attribute.value().isEmpty() ? 0 : ttl(context, mirror, attribute, name);
    }

    /**
     * A refresh window ({@code earlyTtl}, {@code softTtl}) that must be shorter than the TTL:
     * the written value, or a third of the TTL when empty; {@code -1} after an error. Checked
     * only when the TTL itself is valid ({@code ttlMillis > 0}).
     */
    long window(MethodRule.Context context, AnnotationMirror mirror, Attribute<String> attribute, String name,
            long ttlMillis, Attribute<String> ttl) {
        long window = attribute.value().isEmpty() ? Math.max(1, ttlMillis / 3)
                : ttl(context, mirror, attribute, name);
        if (window > 0 && ttlMillis > 0 && window >= ttlMillis) {
            context.report().error(Messages.windowNotShorter(name,
                    attribute.value().isEmpty() ? "(a third of ttl)" : attribute.value(), ttl.value()),
                    context.method(), mirror, attribute.node());
            return -1;
        }
        return window;
    }

    /** The window attribute {@code name} of a layer, checked against its {@code ttl} attribute. */
    long window(MethodRule.Context context, AnnotationMirror mirror, Map<String, AnnotationValue> values,
            String name, long ttlMillis) {
        return window(context, mirror, Attribute.string(values, name), name, ttlMillis, Attribute.string(values, "ttl"));
    }

    /** The time condition in milliseconds: {@code 0} when empty, {@code -1} after an error. */
    long timeCondition(MethodRule.Context context, AnnotationMirror mirror, Attribute<String> attribute) {
        if (attribute.value().isEmpty()) {
            return 0;
        }
        return positiveMillis(context, mirror, attribute, Messages::nonPositiveTimeCondition,
                problem -> Messages.badTimeCondition(attribute.value(), problem));
    }

    /** The {@code timeCondition} attribute of a layer; see the overload above. */
    long timeCondition(MethodRule.Context context, AnnotationMirror mirror, Map<String, AnnotationValue> values) {
        return timeCondition(context, mirror, Attribute.string(values, "timeCondition"));
    }

    /**
     * The key plan of a layer, or {@code null} after an error.
     *
     * @param prefix the strategy's prefix as it goes in front of the template (without the
     *     {@code ':'}); empty for none
     */
    @Nullable KeyPlan key(MethodRule.Context context, AnnotationMirror mirror, Attribute<String> key, String prefix) {
        String template = template(context, key);
        try {
            return keys.resolve(new KeyResolver.Source(template, prefix, KeyTemplates.parse(template),
                    CacheRule.parameters(context), context.method(), mirror, key.node(), context.owner()), context.report());
        } catch (TemplateSyntaxException e) {
            context.report().error(Messages.templateSyntax(template, e.getMessage(), e.offset()), context.method(),
                    mirror, key.node());
            return null;
        }
    }

    /** The template as written, or the default one when {@code key} is empty. */
    static String template(MethodRule.Context context, Attribute<String> key) {
        return key.value().isEmpty() ? DefaultKeys.template(context) : key.value();
    }

    /** The template with its prefix, as shown in diagnostics and passed to the runtime. */
    static String shownTemplate(String prefix, String template) {
        return prefix.isEmpty() ? template : prefix + ":" + template;
    }

    /** The written or default template of {@code key} with its prefix, as passed to the runtime. */
    static String shownTemplate(MethodRule.Context context, Attribute<String> key, String prefix) {
        return shownTemplate(prefix, template(context, key));
    }

    /** A condition class: {@code ok} false after an error, {@code name} null when unset. */
    StrategyClasses.Checked condition(MethodRule.Context context, AnnotationMirror mirror, Attribute<TypeMirror> attribute) {
        return classes.check(attribute, "condition", "io.cashews.CacheCondition", context, mirror);
    }

    /** The {@code condition} attribute of a layer; see the overload above. */
    StrategyClasses.Checked condition(MethodRule.Context context, AnnotationMirror mirror,
            Map<String, AnnotationValue> values) {
        return condition(context, mirror, Attribute.type(values, "condition"));
    }

    /**
     * What the value layers ({@code @Hit}, {@code @Dynamic}, {@code @Early}, {@code @Soft},
     * {@code @Failover}) read first, in this order: the attributes, the key and its prefix, the
     * result shape when the layer serves stored values, the TTL, the time condition (when the
     * annotation has one) and the condition class.
     *
     * @param servesValues whether the layer answers calls with stored values, so that
     *     {@link #valueShape} applies
     */
    Opening open(MethodRule.Context context, AnnotationMirror mirror, String annotation, boolean servesValues) {
        Map<String, AnnotationValue> values = values(mirror);
        Attribute<String> key = Attribute.string(values, "key");
        String prefix = Attribute.string(values, "prefix").value();
        boolean shape = !servesValues || valueShape(context, mirror, annotation) != null;
        long ttl = ttl(context, mirror, Attribute.string(values, "ttl"), "ttl");
        long timeCondition = values.containsKey("timeCondition") ? timeCondition(context, mirror, values) : 0;
        StrategyClasses.Checked condition = condition(context, mirror, values);
        Long fingerprint = fingerprint(context, mirror, values, annotation, storedType(context));
        return new Opening(values, key, template(context, key), prefix,
                shape && ttl >= 0 && timeCondition >= 0 && condition.ok() && fingerprint != null, ttl, timeCondition,
                condition.name(), fingerprint == null ? 0 : fingerprint);
    }

    /**
     * The type a value layer stores for the method: the completed type of a future
     * ({@code Object} without an argument) or the item of a {@code Mono} or {@code Uni},
     * {@code Void} for {@code void}, else the return type.
     */
    TypeMirror storedType(MethodRule.Context context) {
        TypeMirror returnType = context.type().getReturnType();
        if (returnType.getKind() == TypeKind.VOID) {
            return support.typeElement("java.lang.Void").asType();
        }
        if (support.isOneOf(returnType, ASYNC_TYPES, false)) {
            List<? extends TypeMirror> arguments = ((DeclaredType) returnType).getTypeArguments();
            return arguments.isEmpty() ? support.typeElement("java.lang.Object").asType() : arguments.get(0);
        }
        if (ReactiveTypes.shape(returnType) != null) {
            // A Mono's or Uni's item (a Flux or Multi is consumed once and never gets here).
            return support.elementType(returnType);
        }
        return returnType;
    }

    /**
     * The fingerprint of the values a layer stores (SPEC §18): the shape of {@code stored} and the
     * annotation's {@code version}; {@code null} after reporting a version that is not printable
     * text without surrounding spaces.
     */
    @Nullable Long fingerprint(MethodRule.Context context, AnnotationMirror mirror, Map<String, AnnotationValue> values,
            String annotation, TypeMirror stored) {
        String version = "";
        if (values.containsKey("version")) {
            Attribute<String> attribute = Attribute.string(values, "version");
            version = attribute.value();
            String problem = versionProblem(version);
            if (problem != null) {
                context.report().error(Messages.badVersion(annotation, context.method().getSimpleName().toString(),
                        version, problem), context.method(), mirror, attribute.node());
                return null;
            }
        }
        return support.fingerprints().of(stored, version);
    }

    /** What is wrong with a {@code version}, or {@code null}: empty, or printable without surrounding spaces. */
    static @Nullable String versionProblem(String version) {
        if (version.isEmpty()) {
            return null;
        }
        if (version.isBlank()) {
            return "is blank";
        }
        if (Character.isWhitespace(version.codePointAt(0))
                || Character.isWhitespace(version.codePointBefore(version.length()))) {
            return "starts or ends with white space";
        }
        for (int i = 0; i < version.length(); i = version.offsetByCodePoints(i, 1)) {
            int c = version.codePointAt(i);
            if (Character.isISOControl(c)) {
                return String.format(java.util.Locale.ROOT, "holds the control character U+%04X", c);
            }
        }
        return null;
    }

    /**
     * The outcome of {@link #open}.
     *
     * @param values the attributes, defaults included
     * @param key the {@code key} attribute
     * @param template the written or default key template, without prefix
     * @param prefix the {@code prefix} attribute as written
     * @param ok whether everything read so far is valid
     * @param ttlMillis the TTL, {@code -1} after an error
     * @param timeConditionMillis the time condition, {@code 0} for none
     * @param condition the condition class, or {@code null}
     * @param fingerprint the fingerprint of the stored values ({@link #fingerprint}), {@code 0} after an error
     */
    record Opening(Map<String, AnnotationValue> values, Attribute<String> key, String template, String prefix,
            boolean ok, long ttlMillis, long timeConditionMillis, TypeRef.@Nullable Named condition,
            long fingerprint) {}

    /**
     * What every value layer checks last, in this order: the declared exceptions can be carried,
     * then the key resolves, then the tags do.
     */
    Tail tail(MethodRule.Context context, AnnotationMirror mirror, Map<String, AnnotationValue> values,
            Attribute<String> key, String prefix, String annotation) {
        boolean carriable = carriableExceptions(context, mirror, annotation);
        KeyPlan plan = key(context, mirror, key, prefix);
        List<TagPlan> tags = new TagResolver(support).tags(context, mirror, values, annotation);
        return new Tail(carriable, plan, tags);
    }

    /** The outcome of {@link #tail}: {@code plan} and {@code tags} are null after an error. */
    record Tail(boolean carriable, @Nullable KeyPlan plan, @Nullable List<TagPlan> tags) {
        boolean ok() {
            return carriable && plan != null && tags != null;
        }
    }

    /** Whether every declared checked exception is an {@code Exception}, reporting the first that is not. */
    boolean carriableExceptions(MethodRule.Context context, AnnotationMirror mirror, String annotation) {
        TypeMirror bad = CheckedExceptions.uncarriable(support, context.type().getThrownTypes());
        if (bad == null) {
            return true;
        }
        context.report().error(Messages.throwsThrowable(annotation, context.method().getSimpleName().toString(),
                bad.toString()), context.method(), mirror, null);
        return false;
    }

    /** The classes of a {@code Class<? extends Throwable>[]} attribute as type names. */
    static List<TypeRef> classNames(Attribute<List<TypeMirror>> attribute) {
        List<TypeRef> names = new ArrayList<>();
        for (TypeMirror type : attribute.value()) {
            names.add(TypeRefs.of((TypeElement) ((DeclaredType) type).asElement()));
        }
        return names;
    }

    /**
     * {@code withExceptions} / {@code onlyExceptions}, or {@code null} after reporting that both
     * are set.
     */
    @Nullable ExceptionCaching exceptionCaching(MethodRule.Context context, AnnotationMirror mirror,
            Attribute<List<TypeMirror>> with, Attribute<List<TypeMirror>> only) {
        if (!with.value().isEmpty() && !only.value().isEmpty()) {
            context.report().error(Messages.withAndOnlyExceptions(), context.method(), mirror, only.node());
            return null;
        }
        if (!only.value().isEmpty()) {
            return new ExceptionCaching(classNames(only), true);
        }
        return with.value().isEmpty() ? ExceptionCaching.NONE : new ExceptionCaching(classNames(with), false);
    }

    /** The {@code withExceptions} / {@code onlyExceptions} attributes of a layer; see the overload above. */
    @Nullable ExceptionCaching exceptionCaching(MethodRule.Context context, AnnotationMirror mirror,
            Map<String, AnnotationValue> values) {
        return exceptionCaching(context, mirror, Attribute.types(values, "withExceptions"),
                Attribute.types(values, "onlyExceptions"));
    }
}
