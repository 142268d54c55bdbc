/**
 * Validation and resolution: {@link io.cashews.processor.validation.ProxyValidator} runs one
 * {@code MethodRule} per supported annotation over every method a proxy overrides, with the
 * shared checks ({@code CommonChecks}, {@code TypeSupport}, {@code KeyResolver},
 * {@code TagResolver}, the stacking matrix in {@code Combinations}), collects every problem in a
 * {@link io.cashews.processor.validation.Report} (all wording in
 * {@link io.cashews.processor.validation.Messages}, each message with a stable id) and creates the
 * model records, the only place that does. It is the one stage that reads {@code javax.lang.model}
 * types; it hands the writer {@code TypeRef}s instead. Internal to the processor.
 */
@NullMarked
package io.cashews.processor.validation;

import org.jspecify.annotations.NullMarked;
