package io.cashews.processor.writing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LayoutTest {

    @Test
    void aOneLineJavadocIsWrittenOnOneLine() {
        assertThat(Layout.tighten("    /**\n     * Caches {@code x}.\n     */\n    void a() {}\n"))
                .isEqualTo("    /** Caches {@code x}. */\n    void a() {}\n");
    }

    @Test
    void aLongerJavadocKeepsItsLines() {
        String javadoc = "/**\n * One.\n * Two.\n */\nclass A {}\n";
        assertThat(Layout.tighten(javadoc)).isEqualTo(javadoc);
    }

    @Test
    void fieldsFollowEachOtherButNotTheCodeAfterThem() {
        String source = "    private static final ValueType<?> A_TYPE = ValueType.of(A.class);\n\n"
                + "    private final Service delegate;\n\n"
                + "    private final CacheMethod find;\n\n"
                + "    public Service_Cached() {\n";
        assertThat(Layout.tighten(source)).isEqualTo(
                "    private static final ValueType<?> A_TYPE = ValueType.of(A.class);\n"
                + "    private final Service delegate;\n"
                + "    private final CacheMethod find;\n\n"
                + "    public Service_Cached() {\n");
    }

    @Test
    void codeThatOnlyLooksLikeItIsLeftAlone() {
        // A literal never spans lines, so one holding the characters of a comment stays as it is.
        String source = "        var key = \"/**\\n * x\\n */\";\n        private final int a;\n\n        int b;\n";
        assertThat(Layout.tighten(source)).isEqualTo(source);
    }
}
