package io.cashews.processor.validation;

import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;
import org.jspecify.annotations.Nullable;

/**
 * The diagnostics found for one interface. Nothing is printed until {@link #printTo}, so the
 * step can first collect every problem of the interface and then decide whether to write it.
 */
public final class Report {
    private record Item(
            Diagnostic.Kind kind,
            String message,
            Element element,
            @Nullable AnnotationMirror mirror,
            @Nullable AnnotationValue value) {}

    private final List<Item> items = new ArrayList<>();

    /** An error on {@code element} itself. */
    public void error(String message, Element element) {
        items.add(new Item(Diagnostic.Kind.ERROR, message, element, null, null));
    }

    /** An error pointing at one attribute of an annotation, the narrowest place javac can show. */
    void error(String message, Element element, AnnotationMirror mirror, @Nullable AnnotationValue value) {
        items.add(new Item(Diagnostic.Kind.ERROR, message, element, mirror, value));
    }

    void warning(String message, Element element, @Nullable AnnotationMirror mirror, @Nullable AnnotationValue value) {
        items.add(new Item(Diagnostic.Kind.WARNING, message, element, mirror, value));
    }

    boolean hasErrors() {
        return items.stream().anyMatch(i -> i.kind() == Diagnostic.Kind.ERROR);
    }

    /** Prints every diagnostic, in the order found. */
    public void printTo(Messager messager) {
        for (Item item : items) {
            if (item.mirror() == null) {
                messager.printMessage(item.kind(), item.message(), item.element());
            } else if (item.value() == null) {
                messager.printMessage(item.kind(), item.message(), item.element(), item.mirror());
            } else {
                messager.printMessage(item.kind(), item.message(), item.element(), item.mirror(), item.value());
            }
        }
        items.clear();
    }
}
