package io.cashews.processor.validation;

import io.cashews.processor.mirror.Attribute;
import io.cashews.processor.model.KeyPlan;
import io.cashews.processor.model.TagPlan;
import io.cashews.processor.template.KeyTemplates;
import io.cashews.processor.template.TemplateSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import org.jspecify.annotations.Nullable;

/**
 * Validates templates over a method's parameters that are rendered only when a strategy needs
 * them: the {@code tags} of the caching annotations and the keys and tags of {@code @Invalidate}.
 * They are checked like key templates (unknown parameters and properties, formatters, syntax).
 */
final class TagResolver {
    private final KeyResolver keys;

    TagResolver(TypeSupport support) {
        this.keys = new KeyResolver(support);
    }

    /** The written entries of a {@code String[]} attribute, each with its own node for errors. */
    static List<Attribute<String>> strings(Map<String, AnnotationValue> values, String name) {
        AnnotationValue node = values.get(name);
        List<Attribute<String>> entries = new ArrayList<>();
        if (node != null && node.getValue() instanceof List<?> elements) {
            for (Object element : elements) {
                AnnotationValue value = element instanceof AnnotationValue v ? v : node;
                entries.add(new Attribute<>(String.valueOf(value.getValue()), value));
            }
        }
        return entries;
    }

    /**
     * Validates the {@code tags} attribute of a caching annotation.
     *
     * @return the tags (empty when none are written), or {@code null} after reporting an error
     */
    @Nullable List<TagPlan> tags(MethodRule.Context context, AnnotationMirror mirror,
            Map<String, AnnotationValue> values, String annotation) {
        List<TagPlan> tags = new ArrayList<>();
        boolean ok = true;
        for (Attribute<String> entry : strings(values, "tags")) {
            if (entry.value().isBlank()) {
                context.report().error(Messages.emptyTag(annotation), context.method(), mirror, entry.node());
                ok = false;
                continue;
            }
            TagPlan tag = resolve(context, mirror, entry);
            ok &= tag != null;
            if (tag != null) {
                tags.add(tag);
            }
        }
        return ok ? List.copyOf(tags) : null;
    }

    /** One template over the method's parameters, or {@code null} after reporting why it cannot be used. */
    @Nullable TagPlan resolve(MethodRule.Context context, AnnotationMirror mirror, Attribute<String> entry) {
        String template = entry.value();
        try {
            KeyPlan plan = keys.resolve(new KeyResolver.Source(template, "", KeyTemplates.parse(template),
                    CacheRule.parameters(context), context.method(), mirror, entry.node(), context.owner()), context.report());
            return plan == null ? null : new TagPlan(template, plan);
        } catch (TemplateSyntaxException e) {
            context.report().error(Messages.templateSyntax(template, e.getMessage(), e.offset()), context.method(),
                    mirror, entry.node());
            return null;
        }
    }
}
