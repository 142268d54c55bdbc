package io.cashews.processor.validation;

/**
 * A {@link MethodRule} of one annotation that validates with the shared {@link CommonChecks};
 * subclasses add only their own checks.
 */
abstract class CheckedRule implements MethodRule {
    final CommonChecks checks;
    private final String annotation;

    CheckedRule(CommonChecks checks, String annotation) {
        this.checks = checks;
        this.annotation = annotation;
    }

    @Override
    public final String annotation() {
        return annotation;
    }
}
