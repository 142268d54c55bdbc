package io.cashews.processor.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyTemplatesTest {

    private static List<Segment> parse(String template) throws TemplateSyntaxException {
        return KeyTemplates.parse(template);
    }

    private static Placeholder simple(String root, int start, int end, String... properties) {
        return new Placeholder(root, List.of(properties), null, start, end);
    }

    @Test
    void emptyTemplateHasNoSegments() throws Exception {
        assertThat(parse("")).isEmpty();
    }

    @Test
    void plainTextIsOneLiteral() throws Exception {
        assertThat(parse("user:all")).containsExactly(new Literal("user:all"));
    }

    @Test
    void doubledBracesAreLiteralBracesMergedWithTheSurroundingText() throws Exception {
        assertThat(parse("a{{b}}c")).containsExactly(new Literal("a{b}c"));
        assertThat(parse("{{")).containsExactly(new Literal("{"));
        assertThat(parse("}}")).containsExactly(new Literal("}"));
        assertThat(parse("{{a}}")).containsExactly(new Literal("{a}"));
        assertThat(parse("{{{{")).containsExactly(new Literal("{{"));
    }

    @Test
    void escapedBracesNextToAPlaceholder() throws Exception {
        // "{{{a}}}" is an escaped '{', the placeholder {a}, an escaped '}'.
        assertThat(parse("{{{a}}}"))
                .containsExactly(new Literal("{"), simple("a", 2, 5), new Literal("}"));
        assertThat(parse("{a}}}")).containsExactly(simple("a", 0, 3), new Literal("}"));
    }

    @Test
    void placeholderWithRootOnly() throws Exception {
        assertThat(parse("{id}")).containsExactly(simple("id", 0, 4));
    }

    @Test
    void placeholdersBetweenLiteralsCarryTheirOffsets() throws Exception {
        assertThat(parse("user:{id}:{name}!"))
                .containsExactly(
                        new Literal("user:"),
                        simple("id", 5, 9),
                        new Literal(":"),
                        simple("name", 10, 16),
                        new Literal("!"));
    }

    @Test
    void adjacentPlaceholdersStaySeparate() throws Exception {
        assertThat(parse("{a}{b}")).containsExactly(simple("a", 0, 3), simple("b", 3, 6));
    }

    @Test
    void propertyPath() throws Exception {
        List<Segment> segments = parse("user:{request.user.uid}");
        assertThat(segments).containsExactly(new Literal("user:"), simple("request", 5, 23, "user", "uid"));
        assertThat(((Placeholder) segments.get(1)).path()).isEqualTo("request.user.uid");
    }

    @Test
    void formatterWithoutArguments() throws Exception {
        assertThat(parse("{name:lower}"))
                .containsExactly(new Placeholder("name", List.of(), new FormatterCall("lower", List.of()), 0, 12));
    }

    @Test
    void formatterAfterPropertiesWithOneArgument() throws Exception {
        assertThat(parse("{user.token:jwt(sub)}"))
                .containsExactly(new Placeholder(
                        "user", List.of("token"), new FormatterCall("jwt", List.of("sub")), 0, 21));
    }

    @Test
    void formatterArgumentsAreSplitOnCommasAndTrimmed() throws Exception {
        assertThat(parse("{a:f( x ,y,\tz w )}"))
                .containsExactly(new Placeholder(
                        "a", List.of(), new FormatterCall("f", List.of("x", "y", "z w")), 0, 18));
    }

    @Test
    void argumentsMayHoldDotsColonsAndAt() throws Exception {
        assertThat(parse("{@:get(user.id:@x)}"))
                .containsExactly(new Placeholder(
                        "@", List.of(), new FormatterCall("get", List.of("user.id:@x")), 0, 19));
    }

    @Test
    void keyContextRoot() throws Exception {
        assertThat(parse("{@}")).containsExactly(simple("@", 0, 3));
        assertThat(parse("t:{@:get(tenant)}"))
                .containsExactly(
                        new Literal("t:"),
                        new Placeholder("@", List.of(), new FormatterCall("get", List.of("tenant")), 2, 17));
    }

    @Test
    void javaIdentifiersIncludingDollarUnderscoreUnicodeAndKeywords() throws Exception {
        assertThat(parse("{$a._b.ünïcode.class:x1}"))
                .containsExactly(new Placeholder(
                        "$a", List.of("_b", "ünïcode", "class"), new FormatterCall("x1", List.of()), 0, 24));
    }

    @Test
    void supplementaryCodePointsInIdentifiers() throws Exception {
        String name = "a\uD835\uDC00"; // MATHEMATICAL BOLD CAPITAL A, a letter outside the BMP
        assertThat(parse("{" + name + "}")).containsExactly(simple(name, 0, 5));
    }

    @Test
    void whitespaceOutsideBracesIsLiteral() throws Exception {
        assertThat(parse(" a b {x} ")).containsExactly(new Literal(" a b "), simple("x", 5, 8), new Literal(" "));
    }

    @Test
    void resultIsImmutable() throws Exception {
        List<Segment> segments = parse("a{b}");
        assertThatThrownBy(() -> segments.add(new Literal("x"))).isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" fails at {1}: {2}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            textBlock = """
            "{"                 | 0  | unclosed '{'
            "abc{"              | 3  | unclosed '{'
            "{abc"              | 0  | unclosed '{'
            "x{a.b"             | 1  | unclosed '{'
            "{a."               | 0  | unclosed '{'
            "{a:"               | 0  | unclosed '{'
            "{a:lower"          | 0  | unclosed '{'
            "{@"                | 0  | unclosed '{'
            "{a:f(x)"           | 0  | unclosed '{'
            "}"                 | 0  | unmatched '}'
            "ab}c"              | 2  | unmatched '}'
            "{a}}"              | 3  | unmatched '}'
            "}}}"               | 2  | unmatched '}'
            "{}"                | 0  | empty placeholder
            "x{}"               | 1  | empty placeholder
            "{a..b}"            | 3  | empty property name
            "{a.}"              | 3  | empty property name
            "{a.:lower}"        | 3  | empty property name
            "{a.(x)}"           | 3  | empty property name
            "{.a}"              | 1  | missing parameter name or '@' before '.'
            "{:lower}"          | 1  | missing parameter name or '@' before ':'
            "{(x)}"             | 1  | missing parameter name
            "{)}"               | 1  | missing parameter name
            "{a:}"              | 3  | empty formatter name
            "{a:(x)}"           | 3  | empty formatter name
            "{a::b}"            | 3  | empty formatter name
            "{a:f(x}"           | 4  | unclosed '('
            "{a:f(x"            | 4  | unclosed '('
            "{a:f("             | 4  | unclosed '('
            "{a:f()}"           | 5  | empty argument list
            "{a:f(  )}"         | 7  | empty argument list
            "{a:f(,x)}"         | 5  | empty formatter argument
            "{a:f(x,)}"         | 7  | empty formatter argument
            "{a:f(x, ,y)}"      | 8  | empty formatter argument
            "{a:f(x{)}"         | 6  | '{' is not allowed in formatter arguments
            "{a:f(x(y))}"       | 6  | '(' is not allowed in formatter arguments
            "{a:f(x)y}"         | 7  | unexpected 'y' after ')'
            "{a:f(x).b}"        | 7  | unexpected '.' after ')'
            "{a:f(x)(y)}"       | 7  | unexpected '(' after ')'
            "{a:f(x):g}"        | 7  | only one formatter per placeholder
            "{a:lower:upper}"   | 8  | only one formatter per placeholder
            "{a:lower.x}"       | 8  | unexpected '.' after the formatter name
            "{a:lower)}"        | 8  | unexpected ')' after the formatter name
            "{a(x)}"            | 2  | unexpected '(' after the property path
            "{a)}"              | 2  | unexpected ')' after the property path
            "{a{b}}"            | 2  | '{' inside a placeholder
            "{a:f{b}}"          | 4  | '{' inside a placeholder
            "{1a}"              | 1  | '1a' is not a java identifier
            "{a.2b}"            | 3  | '2b' is not a java identifier
            "{a-b}"             | 2  | 'a-b' is not a java identifier
            "{a.b-c:lower}"     | 4  | 'b-c' is not a java identifier
            "{a:hash-x}"        | 7  | 'hash-x' is not a java identifier
            "{a:9}"             | 3  | '9' is not a java identifier
            "{a,b}"             | 2  | 'a,b' is not a java identifier
            "{a@b}"             | 2  | 'a@b' is not a java identifier
            "{a.@}"             | 3  | '@' is not a java identifier
            "{a:@}"             | 3  | '@' is not a java identifier
            "{@.x}"             | 2  | the key context '@' takes no properties
            "{@x}"              | 2  | unexpected 'x' after '@'
            "{@@}"              | 2  | unexpected '@' after '@'
            "{ a}"              | 1  | whitespace inside a placeholder
            "{a }"              | 2  | whitespace inside a placeholder
            "{a. b}"            | 3  | whitespace inside a placeholder
            "{a :x}"            | 2  | whitespace inside a placeholder
            "{a: x}"            | 3  | whitespace inside a placeholder
            "{a:f(x) }"         | 7  | whitespace inside a placeholder
            "{@ }"              | 2  | whitespace inside a placeholder
            "{ }"               | 1  | whitespace inside a placeholder
            """)
    void syntaxErrorsCarryMessageAndOffset(String template, int offset, String message) {
        assertThatThrownBy(() -> parse(template))
                .isInstanceOfSatisfying(TemplateSyntaxException.class, e -> {
                    assertThat(e.getMessage()).startsWith(message);
                    assertThat(e.offset()).isEqualTo(offset);
                });
    }

    @Test
    void bracesMessagesSayHowToEscape() {
        assertThatThrownBy(() -> parse("a}"))
                .hasMessage("unmatched '}' (write '}}' for a literal brace)");
        assertThatThrownBy(() -> parse("a{"))
                .hasMessage("unclosed '{' (write '{{' for a literal brace)");
    }

    @Test
    void controlAndFormatCharactersAreNotIdentifierParts() {
        // javac ignores these inside identifiers, but a key path must be visible in messages.
        assertThatThrownBy(() -> parse("{a\u0000b}"))
                .isInstanceOfSatisfying(TemplateSyntaxException.class, e -> assertThat(e.offset()).isEqualTo(2));
        assertThatThrownBy(() -> parse("{a\u200Bb}"))
                .isInstanceOfSatisfying(TemplateSyntaxException.class, e -> assertThat(e.offset()).isEqualTo(2));
    }

    @Test
    void firstErrorWins() {
        assertThatThrownBy(() -> parse("} {"))
                .isInstanceOfSatisfying(TemplateSyntaxException.class, e -> assertThat(e.offset()).isZero());
        assertThatThrownBy(() -> parse("{ok} {1x} }"))
                .isInstanceOfSatisfying(TemplateSyntaxException.class, e -> assertThat(e.offset()).isEqualTo(6));
    }
}
