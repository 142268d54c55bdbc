package io.cashews.arch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchRule;
import java.lang.invoke.MethodHandles;
import java.util.Set;

/**
 * The rule "no reflection at run time", as the test suite states it: runtime code and generated
 * proxies must run unchanged in a GraalVM native image, which sees only what static analysis
 * reaches. The build checks the same with forbiddenapis ({@code build/forbidden-reflection.txt});
 * this is the form that also covers generated code and names what is allowed.
 */
public final class NoReflection {

    /**
     * The classes allowed to reflect, by exact name (nested classes included): none today. The
     * issue allowed the two value serializers, but neither needs it: {@code JavaSerializer} hands
     * the bytes to {@code ObjectInputStream} and {@code JsonSerializer} to Jackson, and the
     * reflection happens inside those libraries (a native image needs serialization or reflection
     * metadata for the application's value types, which no code of ours can provide). Keeping the
     * serializers under the rule means a reflective shortcut added to them is still caught. A class
     * that truly must reflect goes here, with the reason beside it.
     */
    public static final Set<String> ALLOWED = Set.of();

    private NoReflection() {
    }

    /**
     * The rule over {@code scanned} classes: none depends on {@code java.lang.reflect} (which
     * includes {@code java.lang.reflect.Proxy}) or on {@code Unsafe}, none calls
     * {@code Class.forName}, {@code Class.newInstance} or the reflective member lookups of
     * {@link Class}, and none asks {@link MethodHandles} for a lookup; the
     * {@link #ALLOWED} classes excepted.
     *
     * @param scanned which of the imported classes the rule is about
     * @return the rule
     */
    public static ArchRule rule(DescribedPredicate<? super JavaClass> scanned) {
        return noClasses()
                .that(scanned)
                .and(not(allowed()))
                .should().dependOnClassesThat(reflectionApi())
                .orShould().dependOnClassesThat().haveFullyQualifiedName("sun.misc.Unsafe")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("jdk.internal.misc.Unsafe")
                .orShould().callMethodWhere(reflectiveCall())
                .because("runtime and generated code must stay native-image friendly: no reflection,"
                        + " no Class.forName, no method-handle lookups, no Unsafe (build/forbidden-reflection.txt)");
    }

    /**
     * Thrown, never reflected with: {@code Cashews.call} wraps a checked exception of a
     * {@code Callable} in it, as {@code java.lang.reflect.Proxy} users know it. It is a plain
     * exception class that happens to live in {@code java.lang.reflect}.
     */
    private static final Set<String> NOT_REFLECTION = Set.of("java.lang.reflect.UndeclaredThrowableException");

    private static DescribedPredicate<JavaClass> reflectionApi() {
        return DescribedPredicate.describe("are java.lang.reflect types (Proxy included; not " + NOT_REFLECTION + ")",
                c -> {
                    JavaClass type = c.getBaseComponentType();
                    return type.getPackageName().equals("java.lang.reflect") && !NOT_REFLECTION.contains(type.getName());
                });
    }

    private static DescribedPredicate<JavaClass> allowed() {
        return DescribedPredicate.describe("allowed to reflect (" + ALLOWED + ")",
                c -> ALLOWED.contains(outermost(c).getName()));
    }

    private static JavaClass outermost(JavaClass c) {
        JavaClass outer = c;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        return outer;
    }

    private static final Set<String> CLASS_REFLECTION = Set.of("forName", "newInstance", "getMethod",
            "getMethods", "getDeclaredMethod", "getDeclaredMethods", "getField", "getFields",
            "getDeclaredField", "getDeclaredFields", "getConstructor", "getConstructors",
            "getDeclaredConstructor", "getDeclaredConstructors", "getRecordComponents");

    private static final Set<String> LOOKUPS = Set.of("lookup", "publicLookup", "privateLookupIn");

    private static DescribedPredicate<JavaMethodCall> reflectiveCall() {
        return DescribedPredicate.describe("a reflective call (Class.forName, Class.getDeclared*, MethodHandles.lookup, ...)",
                call -> {
                    String owner = call.getTargetOwner().getName();
                    String name = call.getName();
                    return owner.equals(Class.class.getName()) && CLASS_REFLECTION.contains(name)
                            || owner.equals(MethodHandles.class.getName()) && LOOKUPS.contains(name);
                });
    }
}
