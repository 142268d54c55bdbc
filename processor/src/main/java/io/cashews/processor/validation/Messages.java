package io.cashews.processor.validation;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Every message the processor prints. Each starts with a stable id in brackets that tests assert
 * on, then names the subject, the rule and the fix, quoting what the user wrote.
 */
public final class Messages {
    private Messages() {}

    /** A Cashews annotation on a method of a class, enum, record or annotation type. */
    public static String notInterface(String annotation, String typeKind, String typeName) {
        return "[CashewsNotInterface] @" + annotation + " is on a method of " + typeKind + " " + typeName
                + ", but only interface methods can be cached; declare the method in an interface"
                + " and wrap your implementation in the interface's generated _Cached proxy";
    }

    static String badVersion(String annotation, String method, String written, String problem) {
        return "[CashewsBadVersion] version \"" + written + "\" of @" + annotation + " on method '" + method
                + "' " + problem + "; write printable text such as \"2\", or leave it empty for the result type's"
                + " shape alone";
    }

    static String staticMethod(String annotation, String method) {
        return "[CashewsStaticMethod] @" + annotation + " is on static method '" + method
                + "', which a proxy cannot override; remove the annotation or make the method abstract";
    }

    static String privateMethod(String annotation, String method) {
        return "[CashewsPrivateMethod] @" + annotation + " is on private method '" + method
                + "', which a proxy cannot override; remove the annotation or make the method abstract";
    }

    static String inaccessibleInterface(String name, String why) {
        return "[CashewsInaccessibleInterface] interface " + name + " is " + why
                + ", so no proxy class can implement it; make it a non-sealed, non-private,"
                + " top-level or member interface";
    }

    /** Two interfaces (or an interface and an existing class) that would share one proxy name. */
    public static String proxyNameClash(String interfaceName, String proxyName, String other) {
        return "[CashewsProxyNameClash] the proxy of interface " + interfaceName + " would be " + proxyName
                + ", which is already " + other + "; rename one of them";
    }

    /** A type in a method's signature that the proxy, a class of the interface's package, cannot name. */
    static String inaccessibleType(String method, String type, String why) {
        return "[CashewsInaccessibleType] method '" + method + "' uses type " + type + ", which is " + why
                + ", so the proxy cannot name it; make the type public or package-private in the interface's package";
    }

    /** A key path link whose type the proxy cannot use, so it cannot read the next property. */
    static String inaccessibleProperty(String type, String property, String path, String template, String pkg) {
        return "[CashewsInaccessibleProperty] property '" + property + "' (in {" + path + "} of key template \""
                + template + "\") is read on type " + type + ", which the proxy in package " + pkg
                + " cannot access; key on an accessible property instead, or make " + type + " public";
    }

    static String inheritedConflict(String iface, String method, String first, String firstAnnotations,
            String second, String secondAnnotations) {
        return "[CashewsInheritedConflict] interface " + iface + " inherits method '" + method + "' from " + first
                + " (" + firstAnnotations + ") and from " + second + " (" + secondAnnotations + "), and one proxy"
                + " method can apply only one of them; override '" + method + "' in " + iface
                + " and restate the annotations it should use";
    }

    static String noParameterNames(String iface, String method, String declaring) {
        return "[CashewsNoParameterNames] interface " + iface + " inherits method '" + method + "' from " + declaring
                + ", read from a class file without parameter names (compiled without -parameters), so the"
                + " templates of its annotations cannot name its parameters; compile " + declaring
                + " with -parameters (maven-compiler-plugin <parameters>true</parameters>), or override '" + method
                + "' in " + iface + " and restate its annotations";
    }

    static String badTtl(String attribute, String written, String problem) {
        return "[CashewsBadTtl] " + attribute + " \"" + written + "\" is not a duration: " + problem
                + "; write whole seconds (\"600\") or units d h m s ms (\"1h30m\")";
    }

    static String nonPositiveTtl(String attribute, String written) {
        return "[CashewsNonPositiveTtl] " + attribute + " \"" + written
                + "\" is zero; a stored value must live for a positive duration such as \"10m\"";
    }

    static String badTimeCondition(String written, String problem) {
        return "[CashewsBadTimeCondition] timeCondition \"" + written + "\" is not a duration: " + problem
                + "; write whole seconds (\"1\") or units d h m s ms (\"250ms\"), or leave it empty";
    }

    static String nonPositiveTimeCondition(String written) {
        return "[CashewsNonPositiveTimeCondition] timeCondition \"" + written
                + "\" is zero; use a positive duration such as \"100ms\", or leave it empty for no"
                + " time condition";
    }

    static String templateSyntax(String template, String problem, int offset) {
        return "[CashewsTemplateSyntax] key template \"" + template + "\" does not parse at offset " + offset
                + ": " + problem + "\n    " + template + "\n    " + " ".repeat(Math.max(0, offset)) + "^";
    }

    static String adjacentPlaceholders(String first, String second, String template) {
        return "[CashewsAdjacentPlaceholders] placeholders {" + first + "} and {" + second + "} follow each other"
                + " with no text between them in key template \"" + template + "\", so two different calls could"
                + " render one key ('1' + '23' and '12' + '3'); put a separator between them, such as {"
                + first + "}:{" + second + "}";
    }

    static String keyTooLong(int prefix, int template, int bytes, int limit) {
        return "[CashewsKeyTooLong] the key template (" + template + " characters) with its prefix (" + prefix
                + " characters) takes " + bytes + " bytes in the proxy's class file, over the limit of " + limit
                + " for one constant; shorten the prefix or the key";
    }

    static String unknownParameter(String root, String template, Collection<String> parameters) {
        String suggestion = Suggestions.didYouMean(root, parameters);
        return "[CashewsUnknownParameter] unknown parameter '" + root + "' in key template \"" + template + "\""
                + (suggestion != null
                        ? "; did you mean '" + suggestion + "'?"
                        : parameters.isEmpty()
                                ? "; the method has no parameters"
                                : "; the parameters are " + quoted(parameters));
    }

    static String unknownProperty(
            String typeName, String property, String path, String template, Collection<String> candidates) {
        String suggestion = Suggestions.didYouMean(property, candidates);
        return "[CashewsUnknownProperty] " + typeName + " has no property '" + property + "' (in {" + path
                + "} of key template \"" + template + "\")"
                + (suggestion != null ? "; did you mean '" + suggestion + "'?" : "")
                + (candidates.isEmpty()
                        ? "; it has no record components, getters or public fields"
                        : "; its properties are " + quoted(candidates));
    }

    static String unknownFormatter(String name, String template, Collection<String> known) {
        String suggestion = Suggestions.didYouMean(name, known);
        return "[CashewsUnknownFormatter] unknown formatter '" + name + "' in key template \"" + template + "\""
                + (suggestion != null ? "; did you mean '" + suggestion + "'?" : "")
                + "; the formatters are " + quoted(known);
    }

    static String formatterArguments(String name, List<String> arguments, String template, String rule) {
        return "[CashewsFormatterArguments] formatter '" + name + "' given (" + String.join(", ", arguments)
                + ") in key template \"" + template + "\"; " + rule;
    }

    static String contextWithoutGet(String placeholder, String template) {
        return "[CashewsContextWithoutGet] {" + placeholder + "} in key template \"" + template
                + "\" reads the key context without naming a value; write {@:get(name)}";
    }

    static String getOutsideContext(String placeholder, String template) {
        return "[CashewsGetOutsideContext] {" + placeholder + "} in key template \"" + template
                + "\" uses get(name), which reads the key context only; write {@:get(name)}";
    }

    static String voidReturn(String annotation, String method) {
        return "[CashewsVoidReturn] @" + annotation + " method '" + method
                + "' returns void, so there is nothing to cache; return the value or remove the annotation";
    }

    static String iteratorUnsupported(String annotation, String method, String returnType) {
        return "[CashewsIteratorUnsupported] @" + annotation + " method '" + method + "' returns " + returnType
                + ", which the iterator strategy cannot replay as the same type; return Stream<T>,"
                + " Iterator<T>, Flow.Publisher<T>, Flux<T> or Multi<T> (for example Stream<Integer> for an"
                + " IntStream), or a List";
    }

    static String reactiveUnsupported(String annotation, String method, String returnType) {
        return "[CashewsReactiveUnsupported] @" + annotation + " method '" + method + "' returns " + returnType
                + ", which the proxy cannot return as the same type; return Mono<T> or Uni<T> itself";
    }

    static String iteratorOption(String method, String returnType, String option) {
        return "[CashewsIteratorOption] @Cache method '" + method + "' returns " + returnType + ", whose elements"
                + " are stored one by one as they are consumed, so " + option + " cannot apply; remove it";
    }

    static String iteratorStacked(String method, String returnType, String other) {
        return "[CashewsIteratorStacked] @" + other + " cannot be combined with @Cache on method '" + method
                + "', which returns " + returnType + " and stores its elements one by one; keep only @Cache";
    }

    static String throwsThrowable(String annotation, String method, String type) {
        return "[CashewsThrowsThrowable] @" + annotation + " method '" + method + "' declares throws " + type
                + ", which the cache loader cannot pass through; declare Exception subclasses only";
    }

    static String runtimeMissing(String attribute, String interfaceName) {
        return "[CashewsRuntimeMissing] " + attribute + " needs " + interfaceName
                + ", which is not on the compile classpath; add the cashews-runtime dependency";
    }

    static String wrongInterface(String attribute, String className, String interfaceName) {
        return "[CashewsWrongInterface] " + attribute + " class " + className + " does not implement "
                + interfaceName + "; implement it or name another class";
    }

    static String notInstantiable(String attribute, String className, String problem) {
        return "[CashewsNotInstantiable] " + attribute + " class " + className + " " + problem
                + "; the proxy creates it once with new, so it needs to be a public, non-abstract,"
                + " non-generic top-level or static class with a public no-argument constructor";
    }

    /** An interface whose types were still unresolved in the last round. */
    public static String unresolvedType(String interfaceName, String type) {
        return "[CashewsUnresolvedType] interface " + interfaceName + " uses type '" + type
                + "', which could not be resolved, so no proxy was written; if the type is generated"
                + " by another processor, look for that processor's errors above";
    }

    static String keyToString(String what, String typeName, String simpleName) {
        return "[CashewsKeyToString] " + what + " of type " + typeName + " becomes part of the cache key, but "
                + simpleName + " does not override toString(), so the key would contain an identity hash"
                + " and never hit; override toString(), key on one of its properties, or add"
                + " @SuppressWarnings(\"cashews:KeyToString\") if a type formatter is registered for it"
                + " (KeyFormats.register) or the identity hash is intended";
    }

    static String genericDefaultKey(String annotation, String method, String iface, String template) {
        return "[CashewsGenericDefaultKey] @" + annotation + " method '" + method + "' of generic interface " + iface
                + " returns a type argument but has the default key \"" + template + "\", the same for every"
                + " type argument, so proxies of " + iface + " with different type arguments on one Cashews instance"
                + " serve each other's values; proxy a sub-interface that fixes the type arguments (its name goes"
                + " into the default key), or add @SuppressWarnings(\"cashews:GenericDefaultKey\") if one"
                + " instantiation is proxied per instance";
    }

    // --- strategies: stacking, failover, hit, dynamic, early, soft ---

    static String streamResult(String annotation, String method, String returnType) {
        return "[CashewsStreamResult] @" + annotation + " method '" + method + "' returns " + returnType
                + ", which is consumed once and cannot be stored as a value; return a List (or a"
                + " CompletionStage of one), or use @Cache, whose iterator strategy stores elements";
    }

    static String withAndOnlyExceptions() {
        return "[CashewsWithAndOnlyExceptions] withExceptions and onlyExceptions are both set, but only"
                + " one can apply; use withExceptions to store results and exceptions, onlyExceptions to"
                + " store exceptions only";
    }

    static String outOfRange(String attribute, String written, String rule) {
        return "[CashewsOutOfRange] " + attribute + " = " + written + " is out of range: " + rule;
    }

    static String windowNotShorter(String attribute, String written, String ttl) {
        return "[CashewsWindowNotShorter] " + attribute + " \"" + written + "\" is not shorter than ttl \"" + ttl
                + "\", so the stored value would never be refreshed before it expires; make " + attribute
                + " shorter than ttl or leave it empty for a third of ttl";
    }

    static String conflictingAnnotations(String first, String second, String method, String why) {
        return "[CashewsConflictingAnnotations] @" + first + " and @" + second + " on method '" + method
                + "' do not combine: " + why;
    }

    // --- strategies: locked, rate limits, circuit breaker ---

    static String unknownFallback(String annotation, String written, String method, Collection<String> candidates,
            @Nullable String suggestion) {
        return "[CashewsUnknownFallback] @" + annotation + " fallback '" + written + "' of method '" + method
                + "' is not a method of the interface; "
                + (suggestion != null ? "did you mean '" + suggestion + "'? " : "")
                + (candidates.isEmpty() ? "no method takes the same parameters with a compatible return type"
                        : "methods that fit: " + quoted(candidates));
    }

    static String fallbackMismatch(String annotation, String written, String method, String problem,
            Collection<String> candidates) {
        return "[CashewsFallbackMismatch] @" + annotation + " fallback '" + written + "' cannot answer for method '"
                + method + "': " + problem + "; it must take the same parameter types and return a compatible type"
                + (candidates.isEmpty() ? "" : " (methods that fit: " + quoted(candidates) + ")");
    }

    static String fallbackThrows(String annotation, String written, String method, String exception) {
        return "[CashewsFallbackThrows] @" + annotation + " fallback '" + written + "' declares throws " + exception
                + ", which method '" + method + "' does not declare; declare it on '" + method
                + "' too or handle it in the fallback";
    }

    static String fallbackItself(String annotation, String method) {
        return "[CashewsFallbackItself] @" + annotation + " fallback of method '" + method
                + "' names the method itself, which would be limited again; name another method";
    }

    static String transactionStream(String method, String returnType) {
        return "[CashewsTransactionStream] @CacheTransaction method '" + method + "' returns " + returnType
                + ", which is consumed after the method returns, when the transaction has already committed;"
                + " return a List (or a CompletionStage of one), or open the transaction where it is consumed";
    }

    static String nonPositiveTimeout(String written) {
        return "[CashewsNonPositiveTimeout] @CacheTransaction timeout \"" + written
                + "\" is zero; a transaction waits for its locks for a positive duration such as \"10s\"";
    }

    static String lockedStream(String method, String returnType) {
        return "[CashewsLockedStream] @Locked method '" + method + "' returns " + returnType
                + ", which is consumed after the method returns, when the lock is already released; return"
                + " a List (or a CompletionStage of one), or lock inside the code that consumes it";
    }

    static String circuitBreakerStream(String method, String returnType) {
        return "[CashewsCircuitBreakerStream] @CircuitBreaker method '" + method + "' returns " + returnType
                + ", which fails while it is consumed, after the method returned, so the breaker would never count"
                + " those failures; return a List (or a CompletionStage of one), or guard the code that consumes it";
    }

    static String invalidateStream(String method, String returnType) {
        return "[CashewsInvalidateStream] @Invalidate method '" + method + "' returns " + returnType
                + ", which does its work while it is consumed, after the method returned, so the keys would be"
                + " deleted before that work; return a List (or a CompletionStage of one), or invalidate where"
                + " the result is consumed";
    }

    static String fallbackGeneric(String annotation, String written, String method) {
        return "[CashewsFallbackGeneric] @" + annotation + " fallback '" + written + "' of method '" + method
                + "': generic methods (with their own type parameters) cannot be fallbacks or have one;"
                + " use non-generic methods";
    }

    static String bloomCapacity(String annotation, long capacity, String problem) {
        return "[CashewsBloomCapacity] @" + annotation + " capacity " + capacity + " " + problem;
    }

    static String bloomFalsePositives(String annotation, double falsePositives, String problem) {
        return "[CashewsBloomFalsePositives] @" + annotation + " falsePositives " + falsePositives + " " + problem;
    }

    static String bloomResult(String annotation, String method, String returnType) {
        return "[CashewsBloomResult] @" + annotation + " method '" + method + "' returns " + returnType
                + ", but a Bloom filter answers yes or no; return boolean, Boolean, or a CompletionStage, Mono or Uni of"
                + " Boolean";
    }

    static String bloomDuplicate(String name, String method, String other) {
        return "[CashewsBloomDuplicate] filter name '" + name + "' of method '" + method + "' is also used by"
                + " method '" + other + "'; give each filter its own name";
    }

    static String bloomWithoutAdd(String name, String method, String parameters) {
        return "[CashewsBloomWithoutAdd] @Bloom method '" + method + "' (filter '" + name + "') has no @BloomAdd"
                + " sibling with name \"" + name + "\" and parameters " + parameters + ", so nothing could ever"
                + " be added and every call would answer false; annotate the method that adds elements with"
                + " @BloomAdd(name = \"" + name + "\")";
    }

    static String bloomAddVoid(String method) {
        return "[CashewsBloomAddVoid] @BloomAdd method '" + method + "' returns void, but the element is added"
                + " only when the method returns true or a non-null value; return boolean (or the added value)";
    }

    static String bloomAddWithoutBloom(String name, String method, String parameters, String found) {
        return "[CashewsBloomAddWithoutBloom] @BloomAdd method '" + method + "' adds to filter '" + name
                + "' with parameters " + parameters + ", but " + found + "; name the @Bloom method's filter and"
                + " take the same parameter types";
    }

    static String bloomAddPrefix(String method, String prefix, String bloomMethod, String bloomPrefix) {
        return "[CashewsBloomAddPrefix] @BloomAdd method '" + method + "' has prefix \"" + prefix + "\" but its"
                + " @Bloom sibling '" + bloomMethod + "' has \"" + bloomPrefix + "\"; use the same prefix on both";
    }

    // --- custom key formatters ---

    static String keyFormatterSignature(String declaration, @Nullable String problem) {
        return "[CashewsKeyFormatterSignature] @KeyFormatter method " + declaration + " " + problem
                + "; declare it as public static String name(String text) or name(String text, String... args)"
                + " (fixed String parameters also work) in a public class";
    }

    static String keyFormatterName(String declaration, String name, @Nullable String problem) {
        return "[CashewsKeyFormatterName] @KeyFormatter(\"" + name + "\") on " + declaration + " " + problem;
    }

    static String duplicateKeyFormatter(String name, String first, String second) {
        return "[CashewsDuplicateKeyFormatter] formatter '" + name + "' is declared by both " + first + " and "
                + second + "; formatter names are unique in a compilation, so rename one";
    }

    static String ambiguousFormatter(String name, String template, Collection<String> declarations) {
        return "[CashewsAmbiguousFormatter] formatter '" + name + "' in key template \"" + template
                + "\" is declared by " + String.join(" and ", declarations) + "; rename one, or name only one"
                + " of their classes in @KeyFormatters";
    }

    static String noKeyFormatters(String className) {
        return "[CashewsNoKeyFormatters] @KeyFormatters names " + className + ", which declares no @KeyFormatter"
                + " methods; annotate its public static formatter methods, or remove it from the list";
    }

    // --- tags and @Invalidate ---

    static String emptyTag(String annotation) {
        return "[CashewsEmptyTag] @" + annotation + " has an empty tag template in tags; write a template such as"
                + " \"user:{user.id}\", or remove the empty entry";
    }

    static String emptyInvalidate(String method) {
        return "[CashewsEmptyInvalidate] @Invalidate on method '" + method + "' names no key template and no tag,"
                + " so it would delete nothing; list keys in value (\"items:page:*\", \"user:{id}\") or tags";
    }

    static String emptyInvalidateKey(String method) {
        return "[CashewsEmptyInvalidateKey] @Invalidate on method '" + method + "' has an empty key template in"
                + " value; write a key or pattern such as \"items:*\", or remove the empty entry";
    }

    /** An exception inside the processor, reported on the interface instead of escaping. */
    public static String internalError(String interfaceName, String stackTrace) {
        return "[CashewsInternalError] the processor failed on interface " + interfaceName
                + "; please report this with the stack trace:\n" + stackTrace;
    }

    private static String quoted(Collection<String> names) {
        return names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "));
    }
}
