package io.cashews.processor.mirror;

import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * A typed view of one {@code @Cache} annotation, read through its mirror so that
 * {@code Class}-valued attributes are types rather than classes the processor cannot load.
 */
public record CacheMirror(
        AnnotationMirror mirror,
        Attribute<String> ttl,
        Attribute<String> key,
        Attribute<String> prefix,
        Attribute<TypeMirror> condition,
        Attribute<String> timeCondition,
        Attribute<TypeMirror> ttlFunction,
        Attribute<Boolean> lock,
        Attribute<Boolean> protect,
        Attribute<List<TypeMirror>> withExceptions,
        Attribute<List<TypeMirror>> onlyExceptions) {

    /** The annotation's qualified name. */
    public static final String NAME = "io.cashews.annotations.Cache";

    /** Reads every attribute of {@code mirror}, defaults included. */
    public static CacheMirror read(AnnotationMirror mirror, Elements elements) {
        Map<String, AnnotationValue> values = Attribute.values(mirror, elements);
        return new CacheMirror(
                mirror,
                Attribute.string(values, "ttl"),
                Attribute.string(values, "key"),
                Attribute.string(values, "prefix"),
                Attribute.type(values, "condition"),
                Attribute.string(values, "timeCondition"),
                Attribute.type(values, "ttlFunction"),
                Attribute.bool(values, "lock"),
                Attribute.bool(values, "protect"),
                Attribute.types(values, "withExceptions"),
                Attribute.types(values, "onlyExceptions"));
    }
}
