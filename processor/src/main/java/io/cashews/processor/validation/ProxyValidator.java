package io.cashews.processor.validation;

import io.cashews.processor.mirror.CacheMirror;
import io.cashews.processor.model.MethodModel;
import io.cashews.processor.model.ProxyModel;
import io.cashews.processor.model.Strategy;
import io.cashews.processor.model.TypeRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import org.jspecify.annotations.Nullable;

/**
 * Turns one annotated interface into a {@link ProxyModel}: finds every method the proxy must
 * override (inherited ones included), runs the {@link MethodRule} of each annotation on them, and
 * checks that a proxy can exist at all. The only place that creates model objects.
 */
public final class ProxyValidator {
    private final TypeSupport support;
    private final Map<String, MethodRule> rules = new LinkedHashMap<>();
    private @Nullable Boolean generatedAvailable;
    private @Nullable Set<String> javaLangNames;

    /** A validator over javac's utilities of one compilation. */
    public ProxyValidator(Elements elements, Types types) {
        this.support = new TypeSupport(elements, types);
        // One rule per supported annotation; a new annotation is a new entry here.
        CommonChecks checks = new CommonChecks(support);
        BloomSupport bloom = new BloomSupport(support);
        List<MethodRule> all = List.of(new CacheRule(support, checks),
                new FailoverRule(checks), new HitRule(checks), new DynamicRule(checks), new EarlyRule(checks),
                new SoftRule(checks),
                new LockedRule(checks), new RateLimitRule(checks), new SliceRateLimitRule(checks),
                new CircuitBreakerRule(checks),
                new BloomRule(bloom), new BloomAddRule(bloom), new DualBloomRule(bloom),
                new TransactionRule(checks), new InvalidateRule(checks));
        all.forEach(r -> rules.put(r.annotation(), r));
    }

    /**
     * Collects the custom key formatters ({@code @KeyFormatter}) of a round, so that templates of
     * this round can use them; problems with their declarations go to {@code report}.
     */
    public void collectFormatters(RoundEnvironment round, Report report) {
        support.formatters().collect(round, report);
    }

    /**
     * Notes the compilation units of a round: their classes count as sources of the compilation,
     * whose shape a fingerprint describes (other classes contribute their name only).
     */
    public void noteSources(RoundEnvironment round) {
        support.fingerprints().noteSources(round.getRootElements());
    }

    /** The annotation names this validator understands. */
    public Set<String> annotations() {
        return rules.keySet();
    }

    /**
     * Validates {@code iface}.
     *
     * @return the model, or {@code null} when {@code report} holds errors
     * @throws io.cashews.processor.mirror.UnresolvedTypeException when the interface mentions a type not resolved yet
     */
    public @Nullable ProxyModel validate(TypeElement iface, Report report) {
        checkImplementable(iface, report);
        for (TypeParameterElement parameter : iface.getTypeParameters()) {
            parameter.getBounds().forEach(support::requireResolved);
        }
        iface.getInterfaces().forEach(support::requireResolved);
        checkUnoverridable(iface, report);

        DeclaredType ifaceType = (DeclaredType) iface.asType();
        Set<TypeElement> rawSupertypes = rawSupertypes(iface);
        List<MethodModel> methods = new ArrayList<>();
        List<ExecutableElement> overridable = overridableMethods(iface, report);
        ValueTypeReach valueTypes = new ValueTypeReach(support.elements(), iface);
        Map<ExecutableElement, String> keyNames = DefaultKeys.names(iface, overridable, support.types());
        for (ExecutableElement method : overridable) {
            ExecutableType type = (ExecutableType) support.types().asMemberOf(ifaceType, method);
            support.requireResolved(type);
            checkAccessible(iface, method, type, report);
            if (!parameterNamesKnown(iface, method, report)) {
                continue;
            }
            MethodRule.Context context = new MethodRule.Context(iface, method, type, report, keyNames.get(method));
            List<Strategy> strategies = new ArrayList<>();
            List<AnnotationMirror> stacked = new ArrayList<>();
            for (AnnotationMirror mirror : method.getAnnotationMirrors()) {
                MethodRule rule = rules.get(qualifiedName(mirror));
                if (rule != null) {
                    stacked.add(mirror);
                    Strategy strategy = rule.validate(context, mirror);
                    if (strategy != null) {
                        strategies.add(strategy);
                    }
                }
            }
            Combinations.check(context, stacked);
            checkReactive(context, stacked);
            DefaultKeys.warnGeneric(context, stacked);
            if (!strategies.isEmpty()) {
                // A reactive result stores its elements: their types are the declared result types.
                TypeMirror result = type.getReturnType();
                valueTypes.add(ReactiveTypes.shape(result) != null ? support.elementType(result) : result);
            }
            methods.add(method(iface, method, type, strategies, rawSupertypes));
        }
        if (report.hasErrors()) {
            return null;
        }
        List<TypeRef.Variable> typeVariables = iface.getTypeParameters().stream()
                .map(p -> TypeRefs.variable((TypeVariable) p.asType()))
                .toList();
        TypeRef.Named ifaceName = TypeRefs.of(iface);
        TypeRef implemented = typeVariables.isEmpty()
                ? ifaceName
                : new TypeRef.Generic(null, ifaceName, List.<TypeRef>copyOf(typeVariables));
        return new ProxyModel(iface, proxyName(ifaceName), ifaceName, implemented, typeVariables,
                generatedAvailable(), methods,
                qualifiedNames(iface), valueTypes.types());
    }

    /**
     * A subtype of {@code Mono} or {@code Uni} could not be returned as itself: every annotation
     * other than {@code @Cache} (whose rule reports it) is {@code [CashewsReactiveUnsupported]} on
     * that annotation. {@code Mono} and {@code Uni} themselves take every strategy (see
     * {@link ReactiveTypes}).
     */
    private void checkReactive(MethodRule.Context context, List<AnnotationMirror> stacked) {
        TypeMirror result = context.type().getReturnType();
        if (stacked.isEmpty() || ReactiveTypes.shape(result) != null || !ReactiveTypes.isSingle(support, result)) {
            return;
        }
        for (AnnotationMirror mirror : stacked) {
            String name = qualifiedName(mirror);
            if (!name.equals(CacheMirror.NAME)) {
                context.report().error(Messages.reactiveUnsupported(name.substring(name.lastIndexOf('.') + 1),
                        context.method().getSimpleName().toString(), result.toString()), context.method(), mirror, null);
            }
        }
    }

    /**
     * Whether {@code @Generated} exists on the compilation's platform. Looked up once: the
     * platform does not change between rounds, and a lookup per interface showed in the profile.
     */
    private boolean generatedAvailable() {
        if (generatedAvailable == null) {
            generatedAvailable = support.typeElement("javax.annotation.processing.Generated") != null;
        }
        return generatedAvailable;
    }

    /**
     * The simple names of {@code java.lang}'s types, listed once: a lookup of
     * {@code java.lang.<name>} per member of the interface's package searched every module for
     * each name that does not exist there, hundreds of misses in a package of many interfaces.
     */
    private Set<String> javaLangNames() {
        if (javaLangNames == null) {
            PackageElement javaLang = support.elements().getPackageElement("java.lang");
            Set<String> names = new HashSet<>();
            if (javaLang != null) {
                for (TypeElement type : ElementFilter.typesIn(javaLang.getEnclosedElements())) {
                    names.add(type.getSimpleName().toString());
                }
            }
            javaLangNames = Set.copyOf(names);
        }
        return javaLangNames;
    }

    /**
     * Simple names the proxy must write qualified, sorted for deterministic output: the member
     * types it inherits, and the {@code java.lang} names that a class of its own package takes
     * (a same-package {@code String} or {@code Void} wins over the implicit {@code java.lang}
     * import, and JavaPoet writes {@code java.lang} names unqualified).
     */
    private List<String> qualifiedNames(TypeElement iface) {
        Set<String> names = new TreeSet<>();
        Set<String> javaLang = javaLangNames();
        for (TypeElement type : ElementFilter.typesIn(support.elements().getPackageOf(iface).getEnclosedElements())) {
            String simple = type.getSimpleName().toString();
            if (javaLang.contains(simple)) {
                names.add(simple);
            }
        }
        Deque<TypeElement> queue = new ArrayDeque<>(List.of(iface));
        while (!queue.isEmpty()) {
            TypeElement current = queue.removeFirst();
            for (TypeElement member : ElementFilter.typesIn(current.getEnclosedElements())) {
                names.add(member.getSimpleName().toString());
            }
            for (TypeMirror superinterface : current.getInterfaces()) {
                queue.add((TypeElement) ((DeclaredType) superinterface).asElement());
            }
        }
        return List.copyOf(names);
    }

    /** {@code Outer.Inner} becomes {@code Outer_Inner_Cached} in the same package. */
    static TypeRef.Named proxyName(TypeRef.Named iface) {
        return new TypeRef.Named(iface.packageName(), List.of(String.join("_", iface.simpleNames()) + "_Cached"));
    }

    private void checkImplementable(TypeElement iface, Report report) {
        String name = iface.getQualifiedName().toString();
        if (iface.getNestingKind() == NestingKind.LOCAL || iface.getNestingKind() == NestingKind.ANONYMOUS) {
            report.error(Messages.inaccessibleInterface(iface.getSimpleName().toString(), "local"), iface);
            return;
        }
        if (iface.getModifiers().contains(Modifier.SEALED)) {
            report.error(Messages.inaccessibleInterface(name, "sealed"), iface);
        }
        for (Element e = iface; e instanceof TypeElement t; e = e.getEnclosingElement()) {
            if (t.getModifiers().contains(Modifier.PRIVATE)) {
                report.error(Messages.inaccessibleInterface(name,
                        t == iface ? "private" : "nested in private " + t.getSimpleName()), iface);
                return;
            }
        }
    }

    /** Every type the proxy's override writes must be one the proxy, in the interface's package, can name. */
    private void checkAccessible(TypeElement iface, ExecutableElement method, ExecutableType type, Report report) {
        List<TypeMirror> written = new ArrayList<>(type.getParameterTypes());
        written.add(type.getReturnType());
        written.addAll(type.getThrownTypes());
        type.getTypeVariables().forEach(variable -> written.add(variable.getUpperBound()));
        for (TypeMirror mentioned : written) {
            TypeElement hidden = support.inaccessible(mentioned, iface);
            if (hidden != null) {
                boolean isPrivate = hidden.getModifiers().contains(Modifier.PRIVATE);
                Element outer = hidden.getEnclosingElement();
                report.error(Messages.inaccessibleType(method.getSimpleName().toString(),
                        hidden.getQualifiedName().toString(), isPrivate && outer instanceof TypeElement t
                                ? "private in " + t.getQualifiedName()
                                : "not public and in another package"), method);
                return;
            }
        }
    }

    /** Annotations on static or private interface methods: the proxy cannot override those. */
    private void checkUnoverridable(TypeElement iface, Report report) {
        for (ExecutableElement method : ElementFilter.methodsIn(iface.getEnclosedElements())) {
            boolean isStatic = method.getModifiers().contains(Modifier.STATIC);
            boolean isPrivate = method.getModifiers().contains(Modifier.PRIVATE);
            if (!isStatic && !isPrivate) {
                continue;
            }
            for (AnnotationMirror mirror : method.getAnnotationMirrors()) {
                String annotation = qualifiedName(mirror);
                if (rules.containsKey(annotation)) {
                    String simple = annotation.substring(annotation.lastIndexOf('.') + 1);
                    String methodName = method.getSimpleName().toString();
                    report.error(isStatic ? Messages.staticMethod(simple, methodName)
                            : Messages.privateMethod(simple, methodName), method, mirror, null);
                }
            }
        }
    }

    /**
     * The abstract and default methods of the interface and its superinterfaces, own methods
     * first, each signature once (the most specific declaration wins). Two unrelated
     * superinterfaces declaring one method with different Cashews annotations are an error: which
     * one applies would depend on the order of {@code extends}.
     */
    private List<ExecutableElement> overridableMethods(TypeElement iface, Report report) {
        List<ExecutableElement> found = new ArrayList<>();
        Deque<TypeElement> queue = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        queue.add(iface);
        while (!queue.isEmpty()) {
            TypeElement current = queue.removeFirst();
            if (!seen.add(current.getQualifiedName().toString())) {
                continue;
            }
            for (ExecutableElement method : ElementFilter.methodsIn(current.getEnclosedElements())) {
                Set<Modifier> modifiers = method.getModifiers();
                if (modifiers.contains(Modifier.STATIC) || modifiers.contains(Modifier.PRIVATE)) {
                    continue;
                }
                ExecutableElement twin = found.stream().filter(f -> f.getSimpleName().equals(method.getSimpleName())
                        && (support.elements().overrides(f, method, iface) || sameSignature(iface, f, method)))
                        .findFirst().orElse(null);
                if (twin == null) {
                    found.add(method);
                } else if (!support.elements().overrides(twin, method, iface)) {
                    checkInheritedTwins(iface, twin, method, report);
                }
            }
            for (TypeMirror superinterface : current.getInterfaces()) {
                queue.add((TypeElement) ((DeclaredType) superinterface).asElement());
            }
        }
        return found;
    }

    /**
     * An inherited method read from a class file compiled without {@code -parameters} has the
     * parameter names {@code arg0, arg1…}; templates that name its parameters cannot resolve.
     * Reported once, on the proxied interface, instead of an unknown parameter with no position.
     */
    private boolean parameterNamesKnown(TypeElement iface, ExecutableElement method, Report report) {
        List<? extends VariableElement> parameters = method.getParameters();
        if (method.getEnclosingElement().equals(iface) || parameters.isEmpty()) {
            return true;
        }
        for (int i = 0; i < parameters.size(); i++) {
            if (!parameters.get(i).getSimpleName().contentEquals("arg" + i)) {
                return true;
            }
        }
        boolean templates = method.getAnnotationMirrors().stream()
                .filter(m -> rules.containsKey(qualifiedName(m)))
                .anyMatch(m -> m.getElementValues().values().stream().anyMatch(ProxyValidator::hasPlaceholder));
        if (templates) {
            report.error(Messages.noParameterNames(iface.getQualifiedName().toString(),
                    method.getSimpleName().toString(),
                    ((TypeElement) method.getEnclosingElement()).getQualifiedName().toString()), iface);
        }
        return !templates;
    }

    /** Whether a written attribute is a string with a placeholder, or an array holding one. */
    private static boolean hasPlaceholder(AnnotationValue value) {
        Object content = value.getValue();
        if (content instanceof List<?> elements) {
            return elements.stream().anyMatch(e -> e instanceof AnnotationValue v && hasPlaceholder(v));
        }
        return content instanceof String text && text.contains("{");
    }

    /** {@code first} and {@code second} come from unrelated superinterfaces; their annotations must agree. */
    private void checkInheritedTwins(TypeElement iface, ExecutableElement first, ExecutableElement second,
            Report report) {
        String firstAnnotations = cashewsAnnotations(first);
        String secondAnnotations = cashewsAnnotations(second);
        if (!firstAnnotations.equals(secondAnnotations)) {
            report.error(Messages.inheritedConflict(iface.getQualifiedName().toString(), first.getSimpleName().toString(),
                    ((TypeElement) first.getEnclosingElement()).getQualifiedName().toString(), firstAnnotations,
                    ((TypeElement) second.getEnclosingElement()).getQualifiedName().toString(), secondAnnotations),
                    iface);
        }
    }

    /** The Cashews annotations of a method as written, {@code "no Cashews annotation"} for none. */
    private String cashewsAnnotations(ExecutableElement method) {
        List<String> written = method.getAnnotationMirrors().stream()
                .filter(m -> rules.containsKey(qualifiedName(m)))
                .map(AnnotationMirror::toString)
                .toList();
        return written.isEmpty() ? "no Cashews annotation" : String.join(" ", written);
    }

    /** Two superinterfaces declaring the same method: one implementation serves both. */
    private boolean sameSignature(TypeElement iface, ExecutableElement a, ExecutableElement b) {
        DeclaredType site = (DeclaredType) iface.asType();
        return support.types().isSubsignature(
                (ExecutableType) support.types().asMemberOf(site, a),
                (ExecutableType) support.types().asMemberOf(site, b));
    }

    private MethodModel method(TypeElement iface, ExecutableElement method, ExecutableType type,
            List<Strategy> strategies, Set<TypeElement> rawSupertypes) {
        List<MethodModel.Parameter> parameters = new ArrayList<>();
        for (int i = 0; i < method.getParameters().size(); i++) {
            parameters.add(new MethodModel.Parameter(method.getParameters().get(i).getSimpleName().toString(),
                    TypeRefs.of(type.getParameterTypes().get(i))));
        }
        List<TypeRef.Variable> typeVariables = new ArrayList<>();
        for (TypeVariable variable : type.getTypeVariables()) {
            typeVariables.add(TypeRefs.variable(variable));
        }
        return new MethodModel(method.getSimpleName().toString(), typeVariables, TypeRefs.of(type.getReturnType()),
                parameters, method.isVarArgs(), method.isVarArgs() && !((TypeRef.Array) parameters
                        .get(parameters.size() - 1).type()).component().isReifiable(),
                containsRaw(type.getReturnType()) || type.getParameterTypes().stream().anyMatch(ProxyValidator::containsRaw)
                        || rawSupertypes.contains((TypeElement) method.getEnclosingElement()),
                TypeRefs.of(type.getThrownTypes()), strategies,
                CheckedExceptions.minimal(support, type.getThrownTypes()), delegateType(iface, method));
    }

    /**
     * The superinterface to call {@code method} through, or {@code null}: javac rejects a call on
     * the interface when another inherited method has the same signature there but a different
     * erasure (JLS 15.12.2.5), though one implementation serves both.
     */
    private @Nullable TypeRef delegateType(TypeElement iface, ExecutableElement method) {
        if (method.getEnclosingElement().equals(iface)) {
            return null; // the interface's own declaration overrides every inherited one
        }
        DeclaredType site = (DeclaredType) iface.asType();
        Types types = support.types();
        ExecutableType own = (ExecutableType) types.asMemberOf(site, method);
        for (ExecutableElement other : ElementFilter.methodsIn(support.elements().getAllMembers(iface))) {
            if (other.equals(method) || !other.getSimpleName().equals(method.getSimpleName())
                    || other.getModifiers().contains(Modifier.STATIC)
                    || !types.isSubsignature((ExecutableType) types.asMemberOf(site, other), own)
                    || sameErasure(other, method)) {
                continue;
            }
            DeclaredType through = supertype(site, (TypeElement) method.getEnclosingElement());
            return through == null ? null : TypeRefs.of(through);
        }
        return null;
    }

    private boolean sameErasure(ExecutableElement a, ExecutableElement b) {
        Types types = support.types();
        return support.sameTypes(a.getParameters().stream().map(p -> types.erasure(p.asType())).toList(),
                b.getParameters().stream().map(p -> types.erasure(p.asType())).toList());
    }

    /** {@code A<String>} for {@code A} as a supertype of {@code type}, or {@code null}. */
    private @Nullable DeclaredType supertype(DeclaredType type, TypeElement of) {
        if (type.asElement().equals(of)) {
            return type;
        }
        for (TypeMirror direct : support.types().directSupertypes(type)) {
            DeclaredType found = direct instanceof DeclaredType declared ? supertype(declared, of) : null;
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /**
     * The superinterfaces reached through a raw one ({@code Raw extends Repo}): their methods are
     * erased members of the interface, whose calls javac flags as unchecked.
     */
    private static Set<TypeElement> rawSupertypes(TypeElement iface) {
        Set<TypeElement> raw = new HashSet<>();
        collectRaw(iface, false, raw, new HashSet<>());
        return raw;
    }

    private static void collectRaw(TypeElement current, boolean underRaw, Set<TypeElement> raw, Set<String> seen) {
        for (TypeMirror superinterface : current.getInterfaces()) {
            TypeElement element = (TypeElement) ((DeclaredType) superinterface).asElement();
            boolean isRaw = underRaw || containsRaw(superinterface);
            if (isRaw) {
                raw.add(element);
            }
            if (seen.add(element.getQualifiedName() + ":" + isRaw)) {
                collectRaw(element, isRaw, raw, seen);
            }
        }
    }

    /** Whether a generic class is used without type arguments anywhere in the type. */
    private static boolean containsRaw(TypeMirror type) {
        return switch (type.getKind()) {
            case DECLARED -> {
                DeclaredType declared = (DeclaredType) type;
                boolean raw = declared.getTypeArguments().isEmpty()
                        && !((TypeElement) declared.asElement()).getTypeParameters().isEmpty();
                yield raw || declared.getTypeArguments().stream().anyMatch(ProxyValidator::containsRaw)
                        || (declared.getEnclosingType().getKind() == TypeKind.DECLARED && containsRaw(declared.getEnclosingType()));
            }
            case ARRAY -> containsRaw(((ArrayType) type).getComponentType());
            case WILDCARD -> {
                WildcardType wildcard = (WildcardType) type;
                yield (wildcard.getExtendsBound() != null && containsRaw(wildcard.getExtendsBound()))
                        || (wildcard.getSuperBound() != null && containsRaw(wildcard.getSuperBound()));
            }
            default -> false;
        };
    }

    static String qualifiedName(AnnotationMirror mirror) {
        return ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
    }

    /** Whether {@code element} is an interface, the only kind a proxy can implement. */
    public static boolean isInterface(Element element) {
        return element.getKind() == ElementKind.INTERFACE;
    }

    /** The mirror of {@code annotation} on {@code element}; it is there, since javac reported it. */
    public static AnnotationMirror mirror(Element element, TypeElement annotation) {
        return element.getAnnotationMirrors().stream()
                .filter(m -> qualifiedName(m).equals(annotation.getQualifiedName().toString()))
                .findFirst()
                .orElseThrow();
    }
}
