package io.cashews.processor.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Random templates with fixed seeds: the parser either returns segments that agree with the text
 * or throws {@link TemplateSyntaxException} with an offset inside the text; nothing else.
 */
class KeyTemplatesFuzzTest {

    private static final String ALPHABET = "{{{}}}..::(()),,@@  \taZz_$09ü";
    private static final String NAME_START = "abcxyzABZ_$ü";
    private static final String NAME_PART = NAME_START + "0159";
    private static final String LITERAL_CHARS = "ab:-_/ 09{}.@,()";
    private static final String ARGUMENT_CHARS = "ab09 .:@-_";
    /** Java identifiers over the characters the fuzzer uses, written independently of the parser. */
    private static final String IDENTIFIER = "[\\p{L}_$][\\p{L}\\p{N}_$]*";

    @Test
    void randomStringsOnlyParseOrFailWithSyntaxErrors() {
        Random random = new Random(0xCA5E_0001L);
        int parsed = 0;
        for (int i = 0; i < 120_000; i++) {
            int length = random.nextInt(24);
            StringBuilder text = new StringBuilder(length);
            for (int j = 0; j < length; j++) {
                text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            if (check(text.toString())) {
                parsed++;
            }
        }
        // Guards the generator itself: a fuzz run where nothing parses tests only the error path.
        assertThat(parsed).isGreaterThan(1_000);
    }

    @Test
    void generatedTemplatesParseBackToTheirModel() throws TemplateSyntaxException {
        Random random = new Random(0xCA5E_0002L);
        for (int i = 0; i < 30_000; i++) {
            StringBuilder text = new StringBuilder();
            List<Segment> expected = generate(random, text);
            String template = text.toString();
            List<Segment> actual = KeyTemplates.parse(template);
            if (!actual.equals(expected)) {
                fail("template %s parsed to %s, expected %s", quote(template), actual, expected);
            }
        }
    }

    @Test
    void mutatedValidTemplatesOnlyParseOrFailWithSyntaxErrors() {
        Random random = new Random(0xCA5E_0003L);
        int parsed = 0;
        int failed = 0;
        for (int i = 0; i < 60_000; i++) {
            StringBuilder text = new StringBuilder();
            generate(random, text);
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                mutate(random, text);
            }
            if (check(text.toString())) {
                parsed++;
            } else {
                failed++;
            }
        }
        assertThat(parsed).isGreaterThan(1_000);
        assertThat(failed).isGreaterThan(1_000);
    }

    /** Parses {@code template} and checks every invariant; returns whether it parsed. */
    private static boolean check(String template) {
        List<Segment> segments;
        try {
            segments = KeyTemplates.parse(template);
        } catch (TemplateSyntaxException e) {
            if (e.offset() < 0 || e.offset() >= template.length()) {
                fail("offset %d outside %s (%s)", e.offset(), quote(template), e.getMessage());
            }
            String message = e.getMessage();
            if (message == null || message.isBlank() || Character.isUpperCase(message.charAt(0))) {
                fail("bad message %s for %s", message, quote(template));
            }
            return false;
        } catch (RuntimeException e) {
            throw new AssertionError("parse(" + quote(template) + ") threw " + e, e);
        }
        checkAgainstSource(template, segments);
        checkCanonicalRoundTrip(template, segments);
        return true;
    }

    /** Placeholders sit on braces in the text, and the text between them is only escaped literal. */
    private static void checkAgainstSource(String template, List<Segment> segments) {
        int cursor = 0;
        @Nullable Segment previous = null;
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            if (segment instanceof Literal literal) {
                if (literal.text().isEmpty() || previous instanceof Literal) {
                    fail("empty or unmerged literal in %s: %s", quote(template), segments);
                }
                int gapEnd = i + 1 < segments.size()
                        ? ((Placeholder) segments.get(i + 1)).start()
                        : template.length();
                String gap = template.substring(cursor, gapEnd);
                if (!unescape(gap).equals(literal.text())) {
                    fail("literal %s does not match source %s in %s", quote(literal.text()), quote(gap), quote(template));
                }
                cursor = gapEnd;
            } else {
                Placeholder placeholder = (Placeholder) segment;
                if (placeholder.start() != cursor
                        || template.charAt(placeholder.start()) != '{'
                        || template.charAt(placeholder.end() - 1) != '}') {
                    fail("placeholder %s misplaced in %s", placeholder, quote(template));
                }
                checkPlaceholderAlone(template, placeholder);
                cursor = placeholder.end();
            }
            previous = segment;
        }
        if (cursor != template.length()) {
            fail("segments of %s stop at %d: %s", quote(template), cursor, segments);
        }
    }

    private static void checkPlaceholderAlone(String template, Placeholder placeholder) {
        String source = template.substring(placeholder.start(), placeholder.end());
        List<Segment> alone;
        try {
            alone = KeyTemplates.parse(source);
        } catch (TemplateSyntaxException e) {
            throw new AssertionError("placeholder source " + quote(source) + " fails alone: " + e.getMessage(), e);
        }
        Placeholder shifted = new Placeholder(
                placeholder.root(), placeholder.properties(), placeholder.formatter(), 0, source.length());
        assertThat(alone).containsExactly(shifted);
        if (placeholder.root().equals("@")) {
            assertThat(placeholder.properties()).isEmpty();
        } else {
            assertThat(placeholder.root()).matches(IDENTIFIER);
        }
        assertThat(placeholder.properties()).allMatch(p -> p.matches(IDENTIFIER));
        FormatterCall formatter = placeholder.formatter();
        if (formatter != null) {
            assertThat(formatter.name()).matches(IDENTIFIER);
            assertThat(formatter.arguments())
                    .allMatch(a -> !a.isEmpty() && a.strip().equals(a) && a.chars().noneMatch(c -> "{}(),".indexOf(c) >= 0));
        }
    }

    /** Rendering in canonical form and parsing again gives the same segments, offsets aside. */
    private static void checkCanonicalRoundTrip(String template, List<Segment> segments) {
        String canonical = render(segments);
        List<Segment> again;
        try {
            again = KeyTemplates.parse(canonical);
        } catch (TemplateSyntaxException e) {
            throw new AssertionError("canonical form " + quote(canonical) + " of " + quote(template) + " fails", e);
        }
        if (!withoutOffsets(again).equals(withoutOffsets(segments))) {
            fail("%s and its canonical form %s differ: %s vs %s", quote(template), quote(canonical), segments, again);
        }
    }

    private static List<Segment> withoutOffsets(List<Segment> segments) {
        List<Segment> result = new ArrayList<>();
        for (Segment segment : segments) {
            result.add(segment instanceof Placeholder p
                    ? new Placeholder(p.root(), p.properties(), p.formatter(), 0, 0)
                    : segment);
        }
        return result;
    }

    /** Builds a random valid template into {@code text} and returns the segments it must parse to. */
    private static List<Segment> generate(Random random, StringBuilder text) {
        List<Segment> segments = new ArrayList<>();
        StringBuilder pendingLiteral = new StringBuilder();
        int count = random.nextInt(6);
        for (int i = 0; i < count; i++) {
            if (random.nextBoolean()) {
                int length = 1 + random.nextInt(6);
                for (int j = 0; j < length; j++) {
                    char c = LITERAL_CHARS.charAt(random.nextInt(LITERAL_CHARS.length()));
                    pendingLiteral.append(c);
                    text.append(c == '{' || c == '}' ? "" + c + c : String.valueOf(c));
                }
            } else {
                if (pendingLiteral.length() > 0) {
                    segments.add(new Literal(pendingLiteral.toString()));
                    pendingLiteral.setLength(0);
                }
                segments.add(placeholder(random, text));
            }
        }
        if (pendingLiteral.length() > 0) {
            segments.add(new Literal(pendingLiteral.toString()));
        }
        return segments;
    }

    private static Placeholder placeholder(Random random, StringBuilder text) {
        int start = text.length();
        boolean context = random.nextInt(5) == 0;
        String root = context ? "@" : name(random);
        List<String> properties = new ArrayList<>();
        text.append('{').append(root);
        if (!context) {
            int count = random.nextInt(3);
            for (int i = 0; i < count; i++) {
                String property = name(random);
                properties.add(property);
                text.append('.').append(property);
            }
        }
        FormatterCall formatter = null;
        if (random.nextBoolean()) {
            String name = name(random);
            text.append(':').append(name);
            List<String> arguments = new ArrayList<>();
            int count = random.nextInt(3);
            if (count > 0) {
                text.append('(');
                for (int i = 0; i < count; i++) {
                    if (i > 0) {
                        text.append(',');
                    }
                    String argument = argument(random);
                    arguments.add(argument);
                    // Padding the parser must trim away.
                    text.append(" ".repeat(random.nextInt(2))).append(argument).append(" ".repeat(random.nextInt(2)));
                }
                text.append(')');
            }
            formatter = new FormatterCall(name, arguments);
        }
        text.append('}');
        return new Placeholder(root, properties, formatter, start, text.length());
    }

    private static String name(Random random) {
        StringBuilder name = new StringBuilder();
        name.append(NAME_START.charAt(random.nextInt(NAME_START.length())));
        int length = random.nextInt(5);
        for (int i = 0; i < length; i++) {
            name.append(NAME_PART.charAt(random.nextInt(NAME_PART.length())));
        }
        return name.toString();
    }

    private static String argument(Random random) {
        StringBuilder argument = new StringBuilder();
        int length = 1 + random.nextInt(6);
        for (int i = 0; i < length; i++) {
            argument.append(ARGUMENT_CHARS.charAt(random.nextInt(ARGUMENT_CHARS.length())));
        }
        return argument.toString().strip().isEmpty() ? "x" : argument.toString().strip();
    }

    private static void mutate(Random random, StringBuilder text) {
        int kind = random.nextInt(4);
        char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        if (text.length() == 0 || kind == 0) {
            text.insert(random.nextInt(text.length() + 1), c);
        } else if (kind == 1) {
            text.deleteCharAt(random.nextInt(text.length()));
        } else if (kind == 2) {
            text.setCharAt(random.nextInt(text.length()), c);
        } else {
            int from = random.nextInt(text.length());
            int to = from + random.nextInt(text.length() - from) + 1;
            text.insert(random.nextInt(text.length() + 1), text.substring(from, to));
        }
    }

    /** The canonical spelling of segments: escaped braces, no padding around arguments. */
    private static String render(List<Segment> segments) {
        StringBuilder out = new StringBuilder();
        for (Segment segment : segments) {
            if (segment instanceof Literal literal) {
                out.append(literal.text().replace("{", "{{").replace("}", "}}"));
            } else {
                Placeholder p = (Placeholder) segment;
                out.append('{').append(p.path());
                FormatterCall formatter = p.formatter();
                if (formatter != null) {
                    out.append(':').append(formatter.name());
                    if (!formatter.arguments().isEmpty()) {
                        out.append('(').append(String.join(",", formatter.arguments())).append(')');
                    }
                }
                out.append('}');
            }
        }
        return out.toString();
    }

    /** Resolves doubled braces; a lone brace in literal source means the parser let one slip. */
    private static String unescape(String source) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '{' || c == '}') {
                if (i + 1 >= source.length() || source.charAt(i + 1) != c) {
                    fail("unescaped %s in literal source %s", c, quote(source));
                }
                i++;
            }
            out.append(c);
        }
        return out.toString();
    }

    private static String quote(String s) {
        return '"' + s.replace("\t", "\\t") + '"';
    }
}
