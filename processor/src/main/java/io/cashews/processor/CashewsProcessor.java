package io.cashews.processor;

import com.google.auto.service.AutoService;
import io.cashews.processor.mirror.UnresolvedTypeException;
import io.cashews.processor.model.ProxyModel;
import io.cashews.processor.validation.Messages;
import io.cashews.processor.validation.ProxyValidator;
import io.cashews.processor.validation.Report;
import io.cashews.processor.writing.ProxyWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.FilerException;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.jspecify.annotations.Nullable;

/**
 * Writes a caching proxy {@code X_Cached} for every interface {@code X} that has a method
 * annotated with a Cashews annotation ({@code @Cache}). The proxy implements {@code X}, takes the
 * real implementation and an {@code io.cashews.Cashews} instance in its constructor, and calls
 * the runtime directly: no reflection, no dynamic proxies.
 *
 * <p>Every mistake the processor can see is a compile error on the annotation attribute that
 * caused it, with a stable id in brackets (for example {@code [CashewsUnknownParameter]}); an
 * interface with any error gets no proxy. Interfaces that mention types another processor has
 * yet to generate are retried in later rounds. The processor is isolating for Gradle: each proxy
 * depends only on its interface (and the interface's supertypes).
 *
 * <p>The processor has no options.
 */
@AutoService(Processor.class)
public final class CashewsProcessor extends AbstractProcessor {
    /** Interfaces waiting for types that were not resolved in an earlier round, by name. */
    private final Set<String> deferred = new LinkedHashSet<>();
    /**
     * The last unresolved type seen for each deferred interface, for the final-round error;
     * {@code null} when javac reported it (an attribute value it could not evaluate).
     */
    private final Map<String, @Nullable String> unresolved = new LinkedHashMap<>();
    /** The interface each proxy written so far belongs to, by the proxy's qualified name. */
    private final Map<String, String> proxies = new LinkedHashMap<>();

    private ProxyValidator validator;
    private ProxyWriter writer;

    /** Creates the processor; javac calls this through {@link java.util.ServiceLoader}. */
    public CashewsProcessor() {}

    @Override
    public synchronized void init(ProcessingEnvironment processingEnv) {
        super.init(processingEnv);
        validator = new ProxyValidator(processingEnv.getElementUtils(), processingEnv.getTypeUtils());
        writer = new ProxyWriter();
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of("io.cashews.annotations.*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        try {
            processRound(annotations, round);
        } catch (RuntimeException e) {
            // Per-interface failures are reported on the interface; this is the last resort.
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                    Messages.internalError("(scanning)", stackTrace(e)));
        }
        // Never claim: other processors may look at the same elements.
        return false;
    }

    private void processRound(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        Messager messager = processingEnv.getMessager();
        validator.noteSources(round);
        // Custom key formatters first, so that templates of this round can use them.
        Report declarations = new Report();
        validator.collectFormatters(round, declarations);
        declarations.printTo(messager);
        Set<TypeElement> interfaces = new LinkedHashSet<>();
        for (String name : deferred) {
            TypeElement iface = processingEnv.getElementUtils().getTypeElement(name);
            if (iface != null) {
                interfaces.add(iface);
            }
        }
        deferred.clear();
        for (TypeElement annotation : annotations) {
            if (!validator.annotations().contains(annotation.getQualifiedName().toString())) {
                continue;
            }
            for (Element element : round.getElementsAnnotatedWith(annotation)) {
                Element owner = element.getEnclosingElement();
                if (element.getKind() != ElementKind.METHOD || !(owner instanceof TypeElement type)) {
                    continue;
                }
                if (ProxyValidator.isInterface(type)) {
                    interfaces.add(type);
                } else {
                    messager.printMessage(Diagnostic.Kind.ERROR,
                            Messages.notInterface(annotation.getSimpleName().toString(), kind(type),
                                    type.getQualifiedName().toString()),
                            element, ProxyValidator.mirror(element, annotation));
                }
            }
        }
        for (TypeElement iface : interfaces) {
            String name = iface.getQualifiedName().toString();
            if (round.processingOver()) {
                if (!unresolved.containsKey(name) || unresolved.get(name) != null) {
                    messager.printMessage(Diagnostic.Kind.ERROR,
                            Messages.unresolvedType(name, unresolved.getOrDefault(name, "?")), iface);
                }
                continue;
            }
            process(iface, messager, name);
        }
    }

    private void process(TypeElement iface, Messager messager, String name) {
        Report report = new Report();
        try {
            ProxyModel model = validator.validate(iface, report);
            if (model != null) {
                // Rendered to a string first: JavaPoet's writeTo(Filer) appends character by
                // character to the Filer's unbuffered encoder, which the profile showed.
                String source = writer.write(model);
                String pkg = model.proxyName().packageName();
                String simple = model.proxyName().simpleName();
                String proxy = pkg.isEmpty() ? simple : pkg + "." + simple;
                String other = proxies.get(proxy);
                if (other != null) {
                    report.error(Messages.proxyNameClash(name, proxy, "the proxy of " + other), iface);
                } else {
                    write(proxy, source, model, name, report, iface);
                }
            }
            unresolved.remove(name);
        } catch (UnresolvedTypeException e) {
            deferred.add(name);
            unresolved.put(name, e.isReportedByJavac() ? null : e.typeName());
            // Diagnostics of a deferred interface would be printed again next round.
            return;
        } catch (IOException | RuntimeException e) {
            report.error(Messages.internalError(name, stackTrace(e)), iface);
        }
        report.printTo(messager);
    }

    private void write(String proxy, String source, ProxyModel model, String name, Report report, TypeElement iface)
            throws IOException {
        JavaFileObject created;
        try {
            created = processingEnv.getFiler().createSourceFile(proxy, model.originating());
        } catch (FilerException e) {
            // The only name javac refuses is one its compilation already has: a class of the
            // sources, or one another processor wrote.
            report.error(Messages.proxyNameClash(name, proxy, "an existing class"), iface);
            return;
        }
        proxies.put(proxy, name);
        try (Writer out = created.openWriter()) {
            out.write(source);
        }
    }

    private static String stackTrace(Exception e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }

    private static String kind(TypeElement type) {
        return switch (type.getKind()) {
            case ENUM -> "enum";
            case RECORD -> "record";
            case ANNOTATION_TYPE -> "annotation type";
            default -> "class";
        };
    }
}
