/**
 * The key-template language of SPEC §5 as plain Java: {@link KeyTemplates#parse} turns a template
 * into {@link Literal} and {@link Placeholder} segments, with the offset in every syntax error.
 * Nothing here knows about {@code javax.lang.model}; resolving placeholders against parameter
 * types happens in the processor's validation stage.
 */
@NullMarked
package io.cashews.processor.template;

import org.jspecify.annotations.NullMarked;
