package io.cashews.processor;

import com.google.auto.service.AutoService;
import io.cashews.processor.mirror.UnresolvedTypeException;
import io.cashews.processor.model.ProxyModel;
import io.cashews.processor.validation.Messages;
import io.cashews.processor.validation.ProxyValidator;
import io.cashews.processor.validation.Report;
import io.cashews.processor.writing.ProxyIndex;
import io.cashews.processor.writing.ProxyWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.HashSet;
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
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
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
 * yet to generate are retried in later rounds.
 *
 * <p>In its last round the processor writes the index {@code META-INF/cashews/proxies} (one line
 * {@code interface=proxy} per proxy, binary names, sorted) and lists each proxy's nested
 * {@code Factory} in {@code META-INF/services/io.cashews.ProxyFactory}, so that integrations (the
 * Spring Boot starter) find the proxies without scanning the class path. Both files gather every
 * interface of the compilation, which makes the processor aggregating for Gradle; an incremental
 * compilation keeps the entries of the files it replaces whose classes still exist.
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
    /** The proxies written, for the index of the last round. */
    private final ProxyIndex index = new ProxyIndex();
    /** The binary names of every type this compilation compiles, with or without a proxy. */
    private final Set<String> seen = new HashSet<>();

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
        if (round.processingOver()) {
            // What stayed unresolved is an error now; the index is written even so.
            try {
                reportUnresolved(messager);
            } finally {
                writeIndex(messager);
            }
            return;
        }
        validator.noteSources(round);
        for (Element root : round.getRootElements()) {
            noteSeen(root);
        }
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
            process(iface, messager, iface.getQualifiedName().toString());
        }
    }

    // Every type this compilation compiles decides its own entry: an earlier index's entry for it
    // is dropped, so that an interface that lost its annotations loses its entry too.
    private void noteSeen(Element element) {
        if (element instanceof TypeElement type) {
            seen.add(processingEnv.getElementUtils().getBinaryName(type).toString());
            for (Element member : type.getEnclosedElements()) {
                noteSeen(member);
            }
        }
    }

    private void reportUnresolved(Messager messager) {
        for (String name : deferred) {
            TypeElement iface = processingEnv.getElementUtils().getTypeElement(name);
            if (iface != null && (!unresolved.containsKey(name) || unresolved.get(name) != null)) {
                messager.printMessage(Diagnostic.Kind.ERROR,
                        Messages.unresolvedType(name, unresolved.getOrDefault(name, "?")), iface);
            }
        }
        deferred.clear();
    }

    /**
     * Writes the index and the ServiceLoader file once, in the last round, merged with the files
     * of an earlier compilation of the same output (an incremental build sees only some sources).
     */
    private void writeIndex(Messager messager) {
        Elements elements = processingEnv.getElementUtils();
        String previous = read(ProxyIndex.INDEX);
        if (previous != null) {
            index.keepFrom(previous, seen::contains,
                    (iface, proxy) -> exists(elements, iface) && exists(elements, proxy));
        }
        if (index.isEmpty() && previous == null) {
            return;
        }
        try {
            create(ProxyIndex.INDEX, index.index());
            create(ProxyIndex.SERVICES, index.services());
        } catch (IOException | RuntimeException e) {
            messager.printMessage(Diagnostic.Kind.ERROR, Messages.internalError("(" + ProxyIndex.INDEX + ")", stackTrace(e)));
        }
    }

    private @Nullable String read(String resource) {
        try {
            FileObject file = processingEnv.getFiler().getResource(StandardLocation.CLASS_OUTPUT, "", resource);
            return file.getCharContent(true).toString();
        } catch (IOException | IllegalArgumentException e) {
            // No earlier compilation wrote one (or the file manager keeps no class output).
            return null;
        }
    }

    private void create(String resource, String text) throws IOException {
        FileObject file = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", resource);
        try (Writer out = file.openWriter()) {
            out.write(text);
        }
    }

    /** Whether the type of a binary name exists in this compilation or on its class path. */
    private static boolean exists(Elements elements, String binaryName) {
        TypeElement type = elements.getTypeElement(binaryName.replace('$', '.'));
        return type != null && elements.getBinaryName(type).contentEquals(binaryName);
    }

    private void process(TypeElement iface, Messager messager, String name) {
        Report report = new Report();
        String binary = processingEnv.getElementUtils().getBinaryName(iface).toString();
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
                    if (write(proxy, source, model, name, report, iface)) {
                        index.add(binary, proxy);
                    }
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

    private boolean write(String proxy, String source, ProxyModel model, String name, Report report, TypeElement iface)
            throws IOException {
        JavaFileObject created;
        try {
            created = processingEnv.getFiler().createSourceFile(proxy, model.originating());
        } catch (FilerException e) {
            // The only name javac refuses is one its compilation already has: a class of the
            // sources, or one another processor wrote.
            report.error(Messages.proxyNameClash(name, proxy, "an existing class"), iface);
            return false;
        }
        proxies.put(proxy, name);
        try (Writer out = created.openWriter()) {
            out.write(source);
        }
        return true;
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
