package io.cashews.processor.validation;

import io.cashews.processor.model.TypeRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import org.jspecify.annotations.Nullable;

/**
 * The custom key formatters a template can see: {@code @KeyFormatter} methods of the current
 * compilation (collected round by round), the static ones of the interface declaring a method and
 * of its enclosing types, and those of the classes named by {@code @KeyFormatters} there (read
 * from class files when compiled elsewhere, hence the annotation's class retention).
 *
 * <p>Declarations are checked where they are written: a {@code @KeyFormatter} method of this
 * compilation on the method, a class from elsewhere on the {@code @KeyFormatters} naming it. A
 * declaration with a problem is not offered to templates.
 */
final class KeyFormatterCatalog {
    static final String KEY_FORMATTER = "io.cashews.annotations.KeyFormatter";
    static final String KEY_FORMATTERS = "io.cashews.annotations.KeyFormatters";
    /** Built-in formatter names, which a custom formatter may not take. */
    static final List<String> BUILT_IN = List.of("lower", "upper", "len", "hash", "jwt", "get");

    /**
     * One usable formatter.
     *
     * @param name the name templates use
     * @param owner the declaring class, called directly
     * @param method the method name
     * @param fixed how many template arguments are passed one by one after the text
     * @param varargs whether further arguments go into the method's {@code String...}
     */
    record Formatter(String name, TypeRef.Named owner, String method, int fixed, boolean varargs) {
        boolean accepts(int arguments) {
            return varargs ? arguments >= fixed : arguments == fixed;
        }

        /** {@code com.example.MyFormatters.prefix}, for messages. */
        String declaration() {
            return (owner.packageName().isEmpty() ? "" : owner.packageName() + ".")
                    + String.join(".", owner.simpleNames()) + "." + method;
        }

        String arity() {
            String count = fixed + (fixed == 1 ? " argument" : " arguments");
            return varargs ? "at least " + count : fixed == 0 ? "no arguments" : "exactly " + count;
        }
    }

    /** A method read as a formatter: usable, or the reason it is not. */
    private record Read(@Nullable Formatter formatter, String name, @Nullable String problem, boolean badName) {}

    private final TypeSupport support;
    /** Formatters declared in this compilation, by name; the first declaration of a name wins. */
    private final Map<String, Formatter> compiled = new LinkedHashMap<>();
    /** Types whose source is part of this compilation; their declarations are checked on the method. */
    private final Set<String> sourceTypes = new HashSet<>();

    KeyFormatterCatalog(TypeSupport support) {
        this.support = support;
    }

    /** Collects and checks the declarations of one round, reporting problems into {@code report}. */
    void collect(RoundEnvironment round, Report report) {
        for (TypeElement type : ElementFilter.typesIn(round.getRootElements())) {
            addSourceTypes(type);
        }
        TypeElement annotation = support.typeElement(KEY_FORMATTER);
        if (annotation != null) {
            for (ExecutableElement method : ElementFilter.methodsIn(round.getElementsAnnotatedWith(annotation))) {
                AnnotationMirror mirror = java.util.Objects.requireNonNull(mirror(method, KEY_FORMATTER));
                Read read = read(method, mirror);
                if (read.badName()) {
                    report.error(Messages.keyFormatterName(declaration(method), read.name(), read.problem()),
                            method, mirror, value(mirror, "value"));
                    continue;
                }
                if (read.formatter() == null) {
                    // On the method, where the signature is.
                    report.error(Messages.keyFormatterSignature(declaration(method), read.problem()), method);
                    continue;
                }
                Formatter previous = compiled.putIfAbsent(read.name(), read.formatter());
                if (previous != null && !previous.equals(read.formatter())) {
                    report.error(Messages.duplicateKeyFormatter(read.name(), previous.declaration(),
                            read.formatter().declaration()), method, mirror, value(mirror, "value"));
                }
            }
        }
        TypeElement list = support.typeElement(KEY_FORMATTERS);
        if (list != null) {
            for (TypeElement type : ElementFilter.typesIn(round.getElementsAnnotatedWith(list))) {
                checkNamedClasses(type, mirror(type, KEY_FORMATTERS), report);
            }
        }
    }

    /**
     * Every formatter visible to the templates of {@code method}, by name; a name with two or more
     * formatters is ambiguous.
     */
    Map<String, List<Formatter>> visible(ExecutableElement method) {
        Map<String, Set<Formatter>> found = new LinkedHashMap<>();
        for (Element e = method.getEnclosingElement(); e instanceof TypeElement type; e = e.getEnclosingElement()) {
            declaredIn(type).forEach(f -> found.computeIfAbsent(f.name(), n -> new LinkedHashSet<>()).add(f));
            AnnotationMirror list = mirror(type, KEY_FORMATTERS);
            if (list != null) {
                for (TypeElement named : namedClasses(list)) {
                    declaredIn(named).forEach(f -> found.computeIfAbsent(f.name(), n -> new LinkedHashSet<>()).add(f));
                }
            }
        }
        compiled.values().forEach(f -> found.computeIfAbsent(f.name(), n -> new LinkedHashSet<>()).add(f));
        Map<String, List<Formatter>> visible = new LinkedHashMap<>();
        found.forEach((name, formatters) -> visible.put(name, List.copyOf(formatters)));
        return visible;
    }

    /** Checks the classes one {@code @KeyFormatters} names: each declares formatters, all usable. */
    private void checkNamedClasses(TypeElement type, @Nullable AnnotationMirror mirror, Report report) {
        if (mirror == null) {
            return;
        }
        AnnotationValue node = value(mirror, "value");
        for (TypeElement named : namedClasses(mirror)) {
            List<ExecutableElement> methods = annotatedMethods(named);
            if (methods.isEmpty()) {
                report.error(Messages.noKeyFormatters(named.getQualifiedName().toString()), type, mirror, node);
                continue;
            }
            if (sourceTypes.contains(named.getQualifiedName().toString())) {
                continue; // checked on the methods themselves
            }
            for (ExecutableElement method : methods) {
                Read read = read(method, mirror(method, KEY_FORMATTER));
                if (read.formatter() == null) {
                    report.error(read.badName()
                            ? Messages.keyFormatterName(declaration(method), read.name(), read.problem())
                            : Messages.keyFormatterSignature(declaration(method), read.problem()),
                            type, mirror, node);
                }
            }
        }
    }

    /** The usable formatters declared directly in {@code type}. */
    private List<Formatter> declaredIn(TypeElement type) {
        List<Formatter> formatters = new ArrayList<>();
        for (ExecutableElement method : annotatedMethods(type)) {
            Formatter formatter = read(method, mirror(method, KEY_FORMATTER)).formatter();
            if (formatter != null) {
                formatters.add(formatter);
            }
        }
        return formatters;
    }

    private static List<ExecutableElement> annotatedMethods(TypeElement type) {
        return ElementFilter.methodsIn(type.getEnclosedElements()).stream()
                .filter(m -> mirror(m, KEY_FORMATTER) != null)
                .toList();
    }

    private static List<TypeElement> namedClasses(AnnotationMirror list) {
        List<TypeElement> named = new ArrayList<>();
        AnnotationValue node = value(list, "value");
        if (node != null && node.getValue() instanceof List<?> values) {
            for (Object value : values) {
                // An unresolved class is javac's error already; it is skipped here.
                if (value instanceof AnnotationValue v && v.getValue() instanceof DeclaredType type
                        && type.asElement() instanceof TypeElement element) {
                    named.add(element);
                }
            }
        }
        return named;
    }

    /** Reads {@code method} as a formatter; the first problem found makes it unusable. */
    private Read read(ExecutableElement method, @Nullable AnnotationMirror mirror) {
        AnnotationValue node = mirror == null ? null : value(mirror, "value");
        String name = node != null && node.getValue() instanceof String s ? s : "";
        if (name.isEmpty() || !SourceVersion.isIdentifier(name)) {
            return new Read(null, name, "is not a java identifier, so no template can name it;"
                    + " use a name such as \"prefix\"", true);
        }
        if (BUILT_IN.contains(name)) {
            return new Read(null, name, "takes the name of the built-in formatter '" + name
                    + "', which templates would keep calling; choose another name", true);
        }
        String problem = signatureProblem(method);
        if (problem != null) {
            return new Read(null, name, problem, false);
        }
        TypeElement owner = (TypeElement) method.getEnclosingElement();
        int parameters = method.getParameters().size();
        boolean varargs = method.isVarArgs();
        return new Read(new Formatter(name, TypeRefs.of(owner), method.getSimpleName().toString(),
                parameters - 1 - (varargs ? 1 : 0), varargs), name, null, false);
    }

    private @Nullable String signatureProblem(ExecutableElement method) {
        Set<Modifier> modifiers = method.getModifiers();
        if (!modifiers.contains(Modifier.PUBLIC) || !modifiers.contains(Modifier.STATIC)) {
            return "is not public static, so a proxy cannot call it without an instance";
        }
        if (!method.getTypeParameters().isEmpty()) {
            return "is generic";
        }
        if (!TypeSupport.isString(method.getReturnType())) {
            return "returns " + method.getReturnType() + " instead of String";
        }
        List<? extends VariableElement> parameters = method.getParameters();
        if (parameters.isEmpty()) {
            return "takes no parameters, but the first one receives the rendered text";
        }
        for (int i = 0; i < parameters.size(); i++) {
            TypeMirror type = parameters.get(i).asType();
            boolean lastVarargs = method.isVarArgs() && i == parameters.size() - 1;
            boolean ok = lastVarargs
                    ? type.getKind() == TypeKind.ARRAY && TypeSupport.isString(((ArrayType) type).getComponentType())
                    : TypeSupport.isString(type);
            if (!ok) {
                return "takes " + type + " as parameter " + (i + 1) + ", but the rendered text and the template's"
                        + " arguments are all String";
            }
        }
        for (TypeMirror thrown : method.getThrownTypes()) {
            if (isChecked(thrown)) {
                return "declares checked exception " + thrown + ", which a key cannot pass on";
            }
        }
        for (Element e = method.getEnclosingElement(); e instanceof TypeElement type; e = e.getEnclosingElement()) {
            if (type.getNestingKind() == NestingKind.LOCAL || type.getNestingKind() == NestingKind.ANONYMOUS) {
                return "is declared in a local class";
            }
            if (!type.getModifiers().contains(Modifier.PUBLIC)) {
                return "is declared in " + type.getSimpleName() + ", which is not public, so proxies in other"
                        + " packages cannot call it";
            }
        }
        return null;
    }

    private boolean isChecked(TypeMirror thrown) {
        TypeElement runtime = support.typeElement("java.lang.RuntimeException");
        TypeElement error = support.typeElement("java.lang.Error");
        return !(runtime != null && support.types().isSubtype(thrown, runtime.asType()))
                && !(error != null && support.types().isSubtype(thrown, error.asType()));
    }

    private void addSourceTypes(TypeElement type) {
        sourceTypes.add(type.getQualifiedName().toString());
        ElementFilter.typesIn(type.getEnclosedElements()).forEach(this::addSourceTypes);
    }

    private static String declaration(ExecutableElement method) {
        return ((TypeElement) method.getEnclosingElement()).getQualifiedName() + "." + method.getSimpleName();
    }

    private static @Nullable AnnotationMirror mirror(Element element, String annotation) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            if (ProxyValidator.qualifiedName(mirror).equals(annotation)) {
                return mirror;
            }
        }
        return null;
    }

    private static @Nullable AnnotationValue value(AnnotationMirror mirror, String name) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry
                : mirror.getElementValues().entrySet()) {
            if (entry.getKey().getSimpleName().contentEquals(name)) {
                return entry.getValue();
            }
        }
        return null;
    }
}
