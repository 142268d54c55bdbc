/**
 * Architecture tests of the runtime, and the checks the other runtime modules reuse from the test
 * jar: {@link io.cashews.arch.NoReflection} (the no-reflection rule, with its allow-list) and
 * {@link io.cashews.arch.RuntimeDependencies} (which dependency jars ship GraalVM metadata).
 */
@NullMarked
package io.cashews.arch;

import org.jspecify.annotations.NullMarked;
