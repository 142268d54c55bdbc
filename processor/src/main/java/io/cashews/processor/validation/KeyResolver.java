package io.cashews.processor.validation;

import io.cashews.processor.model.KeyPlan;
import io.cashews.processor.template.FormatterCall;
import io.cashews.processor.template.Literal;
import io.cashews.processor.template.Placeholder;
import io.cashews.processor.template.Segment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import org.jspecify.annotations.Nullable;

/**
 * Binds a parsed key template to a method: parameters, property paths, formatters. The only
 * producer of {@link KeyPlan}s; reports every problem it finds instead of stopping at the first.
 */
final class KeyResolver {
    private static final List<String> FORMATTERS = List.of("lower", "upper", "len", "hash", "jwt");
    private static final Set<String> HASHES = Set.of("md5", "sha1", "sha256");
    /** The longest string constant a class file holds, in modified UTF-8 bytes (JVMS 4.4.7). */
    private static final int MAX_CONSTANT = 65_535;

    /**
     * Where the template comes from, for messages and positions.
     *
     * @param template the key template as written (without the prefix)
     * @param prefix the {@code prefix} attribute, literal text
     * @param segments the parsed template
     * @param parameters the method's parameters by source name, with their resolved types
     * @param method the annotated method
     * @param mirror the annotation
     * @param node the {@code key} attribute
     * @param owner the proxied interface, whose package the proxy's code is in
     */
    record Source(
            String template,
            String prefix,
            List<Segment> segments,
            Map<String, TypeMirror> parameters,
            ExecutableElement method,
            AnnotationMirror mirror,
            AnnotationValue node,
            TypeElement owner) {}

    private record Property(KeyPlan.Step step, TypeMirror type) {}

    private final TypeSupport support;

    KeyResolver(TypeSupport support) {
        this.support = support;
    }

    /** The key plan, or {@code null} after reporting why the template cannot be used. */
    @Nullable KeyPlan resolve(Source source, Report report) {
        String written = source.prefix().isEmpty() ? source.template() : source.prefix() + ":" + source.template();
        int length = classFileLength(written);
        if (length > MAX_CONSTANT) {
            error(report, source, Messages.keyTooLong(source.prefix().length(), source.template().length(), length,
                    MAX_CONSTANT));
            return null;
        }
        List<KeyPlan.Part> parts = new ArrayList<>();
        boolean ok = true;
        Set<String> warned = new HashSet<>();
        if (!source.prefix().isEmpty()) {
            parts.add(new KeyPlan.Text(source.prefix() + ":"));
        }
        Placeholder previous = null;
        for (Segment segment : source.segments()) {
            if (segment instanceof Literal literal) {
                parts.add(new KeyPlan.Text(literal.text()));
                previous = null;
            } else if (segment instanceof Placeholder placeholder) {
                // Rendering must be injective (SPEC §5): only a fixed-width value (a digest) may
                // be followed by another without a separator.
                if (previous != null && !fixedWidth(previous)) {
                    error(report, source, Messages.adjacentPlaceholders(written(previous), written(placeholder),
                            source.template()));
                    ok = false;
                }
                previous = placeholder;
                KeyPlan.Part part = placeholder(placeholder, source, report, warned);
                if (part == null) {
                    ok = false;
                } else {
                    parts.add(part);
                }
            }
        }
        return ok ? plan(parts) : null;
    }

    private static boolean fixedWidth(Placeholder placeholder) {
        return placeholder.formatter() != null && placeholder.formatter().name().equals("hash");
    }

    private KeyPlan.@Nullable Part placeholder(Placeholder p, Source source, Report report, Set<String> warned) {
        FormatterCall formatter = p.formatter();
        if (p.root().equals("@")) {
            if (!p.properties().isEmpty() || formatter == null || !formatter.name().equals("get")) {
                error(report, source, Messages.contextWithoutGet(written(p), source.template()));
                return null;
            }
            if (formatter.arguments().size() != 1 || formatter.arguments().get(0).isBlank()) {
                error(report, source, Messages.formatterArguments("get", formatter.arguments(), source.template(),
                        "get takes exactly one argument, the name of the key context value"));
                return null;
            }
            return new KeyPlan.Context(formatter.arguments().get(0));
        }
        TypeMirror type = source.parameters().get(p.root());
        if (type == null) {
            error(report, source, Messages.unknownParameter(p.root(), source.template(), source.parameters().keySet()));
            return null;
        }
        KeyPlan.Format format = null;
        if (formatter != null) {
            format = format(p, formatter, source, report);
            if (format == null) {
                return null;
            }
        }
        List<KeyPlan.Step> steps = new ArrayList<>();
        for (int i = 0; i < p.properties().size(); i++) {
            String name = p.properties().get(i);
            List<DeclaredType> holders = support.propertyHolders(type);
            Property property = null;
            for (int h = 0; h < holders.size() && property == null; h++) {
                property = property(holders.get(h), name);
            }
            if (property != null && i > 0) {
                // The parameter's own type is checked with the signature; a link's type is not.
                TypeElement hidden = support.inaccessible(type, source.owner());
                if (hidden != null) {
                    error(report, source, Messages.inaccessibleProperty(hidden.getQualifiedName().toString(),
                            name, p.path(), source.template(), support.elements().getPackageOf(source.owner())
                                    .getQualifiedName().toString()));
                    return null;
                }
            }
            if (property == null) {
                String typeName = holders.isEmpty() ? type.toString() : holders.stream()
                        .map(holder -> holder.asElement().getSimpleName().toString())
                        .collect(Collectors.joining(" & "));
                List<String> candidates = holders.stream().flatMap(holder -> candidates(holder).stream())
                        .distinct().toList();
                error(report, source, Messages.unknownProperty(typeName, name, p.path(), source.template(),
                        candidates));
                return null;
            }
            support.requireResolved(property.type());
            steps.add(property.step());
            type = property.type();
        }
        TypeElement withoutToString = support.withoutToString(type);
        if (withoutToString != null && !suppressed(source.method()) && warned.add(p.path())) {
            String what = p.properties().isEmpty() ? "parameter '" + p.root() + "'" : "{" + p.path() + "}";
            report.warning(Messages.keyToString(what, type.toString(), withoutToString.getSimpleName().toString()),
                    source.method(), source.mirror(), source.node());
        }
        KeyPlan.Render render = TypeSupport.render(type);
        if (steps.isEmpty()) {
            return new KeyPlan.Value(p.root(), render, format);
        }
        return new KeyPlan.Path(p.root(), steps, render, format);
    }

    private KeyPlan.@Nullable Format format(Placeholder p, FormatterCall call, Source source, Report report) {
        String name = call.name();
        List<String> args = call.arguments();
        String template = source.template();
        switch (name) {
            case "lower", "upper", "len" -> {
                if (!args.isEmpty()) {
                    error(report, source, Messages.formatterArguments(name, args, template,
                            name + " takes no arguments; write {" + p.path() + ":" + name + "}"));
                    return null;
                }
                return new KeyPlan.Format(name, List.of());
            }
            case "hash" -> {
                if (args.size() > 1 || (args.size() == 1 && !HASHES.contains(args.get(0)))) {
                    String suggestion = args.isEmpty() ? null : Suggestions.didYouMean(args.get(0), HASHES);
                    error(report, source, Messages.formatterArguments(name, args, template,
                            "hash takes one optional algorithm: md5 (the default), sha1 or sha256"
                                    + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?")));
                    return null;
                }
                return new KeyPlan.Format("hash", args);
            }
            case "jwt" -> {
                if (args.size() != 1 || args.get(0).isBlank()) {
                    error(report, source, Messages.formatterArguments(name, args, template,
                            "jwt takes exactly one argument, the claim to read, as in {token:jwt(user_id)}"));
                    return null;
                }
                return new KeyPlan.Format("jwt", args);
            }
            case "get" -> {
                error(report, source, Messages.getOutsideContext(written(p), template));
                return null;
            }
            default -> {
                return custom(p, call, source, report);
            }
        }
    }

    /** A {@code @KeyFormatter} the template can see, called directly on its class. */
    private KeyPlan.@Nullable Format custom(Placeholder p, FormatterCall call, Source source, Report report) {
        Map<String, List<KeyFormatterCatalog.Formatter>> visible = support.formatters().visible(source.method());
        List<KeyFormatterCatalog.Formatter> found = visible.getOrDefault(call.name(), List.of());
        if (found.isEmpty()) {
            List<String> known = new ArrayList<>(FORMATTERS);
            known.addAll(visible.keySet());
            error(report, source, Messages.unknownFormatter(call.name(), source.template(), known));
            return null;
        }
        if (found.size() > 1) {
            error(report, source, Messages.ambiguousFormatter(call.name(), source.template(),
                    found.stream().map(KeyFormatterCatalog.Formatter::declaration).toList()));
            return null;
        }
        KeyFormatterCatalog.Formatter formatter = found.get(0);
        if (!formatter.accepts(call.arguments().size())) {
            error(report, source, Messages.formatterArguments(call.name(), call.arguments(), source.template(),
                    call.name() + " (" + formatter.declaration() + ") takes " + formatter.arity() + " in {"
                            + p.path() + ":" + call.name() + "(…)}"));
            return null;
        }
        return new KeyPlan.Format(formatter.owner(), formatter.method(), call.arguments(), formatter.fixed(),
                formatter.varargs());
    }

    /**
     * Resolves one property in the documented order: record component, getter ({@code is} only
     * for {@code boolean}), public field, {@code Map<String, ?>} entry. Inherited members count;
     * generic holders are resolved through {@code asMemberOf}.
     */
    private @Nullable Property property(DeclaredType holder, String name) {
        TypeElement element = (TypeElement) holder.asElement();
        if (element.getKind() == ElementKind.RECORD) {
            for (RecordComponentElement component : element.getRecordComponents()) {
                if (component.getSimpleName().contentEquals(name)) {
                    return method(holder, component.getAccessor());
                }
            }
        }
        // Only now: getAllMembers builds the whole inherited scope, which a component never needs.
        List<? extends Element> members = support.elements().getAllMembers(element);
        String capitalized = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (ExecutableElement method : ElementFilter.methodsIn(members)) {
            if (isAccessor(method) && method.getSimpleName().contentEquals("get" + capitalized)
                    && !method.getSimpleName().contentEquals("getClass")) {
                return method(holder, method);
            }
        }
        for (ExecutableElement method : ElementFilter.methodsIn(members)) {
            if (isAccessor(method) && method.getSimpleName().contentEquals("is" + capitalized)
                    && method.getReturnType().getKind() == TypeKind.BOOLEAN) {
                return method(holder, method);
            }
        }
        for (VariableElement field : ElementFilter.fieldsIn(members)) {
            if (field.getSimpleName().contentEquals(name) && field.getModifiers().contains(Modifier.PUBLIC)
                    && !field.getModifiers().contains(Modifier.STATIC)) {
                TypeMirror type = support.types().asMemberOf(holder, field);
                return new Property(new KeyPlan.Step(KeyPlan.Access.FIELD, name, type.getKind().isPrimitive()), type);
            }
        }
        TypeMirror mapValue = stringMapValue(holder);
        if (mapValue != null) {
            return new Property(new KeyPlan.Step(KeyPlan.Access.MAP_GET, name, false), mapValue);
        }
        return null;
    }

    private Property method(DeclaredType holder, ExecutableElement method) {
        TypeMirror type = ((ExecutableType) support.types().asMemberOf(holder, method)).getReturnType();
        return new Property(new KeyPlan.Step(KeyPlan.Access.METHOD, method.getSimpleName().toString(),
                type.getKind().isPrimitive()), type);
    }

    private static boolean isAccessor(ExecutableElement method) {
        return method.getModifiers().contains(Modifier.PUBLIC)
                && !method.getModifiers().contains(Modifier.STATIC)
                && method.getParameters().isEmpty()
                && method.getTypeParameters().isEmpty()
                && method.getReturnType().getKind() != TypeKind.VOID;
    }

    /** The value type {@code V} when {@code holder} is a {@code Map<String, V>}, else {@code null}. */
    private @Nullable TypeMirror stringMapValue(DeclaredType holder) {
        TypeElement map = support.typeElement("java.util.Map");
        if (map == null || !support.types().isSubtype(support.types().erasure(holder),
                support.types().erasure(map.asType()))) {
            return null;
        }
        TypeMirror key = null;
        TypeMirror value = null;
        for (ExecutableElement method : ElementFilter.methodsIn(map.getEnclosedElements())) {
            if (method.getSimpleName().contentEquals("put") && method.getParameters().size() == 2) {
                ExecutableType put = (ExecutableType) support.types().asMemberOf(holder, method);
                key = put.getParameterTypes().get(0);
                value = put.getParameterTypes().get(1);
            }
        }
        return key != null && TypeSupport.isString(key) ? value : null;
    }

    /** Property names a user could have meant, in member order. */
    private List<String> candidates(DeclaredType holder) {
        TypeElement element = (TypeElement) holder.asElement();
        Set<String> names = new LinkedHashSet<>();
        if (element.getKind() == ElementKind.RECORD) {
            element.getRecordComponents().forEach(c -> names.add(c.getSimpleName().toString()));
        }
        List<? extends Element> members = support.elements().getAllMembers(element);
        for (ExecutableElement method : ElementFilter.methodsIn(members)) {
            String n = method.getSimpleName().toString();
            if (!isAccessor(method) || n.equals("getClass")) {
                continue;
            }
            if (n.startsWith("get") && n.length() > 3) {
                names.add(decapitalize(n.substring(3)));
            } else if (n.startsWith("is") && n.length() > 2 && method.getReturnType().getKind() == TypeKind.BOOLEAN) {
                names.add(decapitalize(n.substring(2)));
            }
        }
        for (VariableElement field : ElementFilter.fieldsIn(members)) {
            if (field.getModifiers().contains(Modifier.PUBLIC) && !field.getModifiers().contains(Modifier.STATIC)) {
                names.add(field.getSimpleName().toString());
            }
        }
        return List.copyOf(names);
    }

    /**
     * Whether {@code @SuppressWarnings("cashews:KeyToString")} (or {@code "cashews"}) is on the
     * method or an enclosing type, for keys whose identity-hash part is intended.
     */
    private static boolean suppressed(Element method) {
        for (Element e = method; e != null; e = e.getEnclosingElement()) {
            SuppressWarnings annotation = e.getAnnotation(SuppressWarnings.class);
            if (annotation != null && (List.of(annotation.value()).contains("cashews")
                    || List.of(annotation.value()).contains("cashews:KeyToString"))) {
                return true;
            }
        }
        return false;
    }

    private static String decapitalize(String s) {
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private static String written(Placeholder p) {
        FormatterCall f = p.formatter();
        if (f == null) {
            return p.path();
        }
        return p.path() + ":" + f.name() + (f.arguments().isEmpty() ? "" : "(" + String.join(",", f.arguments()) + ")");
    }

    private static void error(Report report, Source source, String message) {
        report.error(message, source.method(), source.mirror(), source.node());
    }

    /**
     * The modified UTF-8 length of the text, as the proxy's class file stores the prefixed
     * template (and the key's literal pieces) as constants.
     */
    private static int classFileLength(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c != 0 && c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
        return bytes;
    }

    /** Merges neighbouring literal text. */
    private static KeyPlan plan(List<KeyPlan.Part> parts) {
        List<KeyPlan.Part> merged = new ArrayList<>();
        for (KeyPlan.Part part : parts) {
            if (part instanceof KeyPlan.Text text) {
                if (!merged.isEmpty() && merged.get(merged.size() - 1) instanceof KeyPlan.Text previous) {
                    merged.set(merged.size() - 1, new KeyPlan.Text(previous.text() + text.text()));
                    continue;
                }
                if (text.text().isEmpty()) {
                    continue;
                }
            }
            merged.add(part);
        }
        return new KeyPlan(merged);
    }
}
