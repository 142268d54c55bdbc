package io.cashews.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.base.KeyText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class KeysTest {

    enum Color {
        RED;

        @Override
        public String toString() {
            return "not the name";
        }
    }

    record Point(int x, int y) {
        @Override
        public String toString() {
            return x + "/" + y;
        }
    }

    @Nested
    class Rendering {

        @Test
        void nullRendersAsNull() {
            assertThat(Keys.render(null)).isEqualTo("null");
            assertThat(Keys.append(new StringBuilder("k:"), null).toString()).isEqualTo("k:null");
        }

        @Test
        void textIsTakenAsIs() {
            assertThat(Keys.render("Hello World")).isEqualTo("Hello World");
            assertThat(Keys.render(new StringBuilder("built"))).isEqualTo("built");
            assertThat(Keys.render("")).isEmpty();
        }

        @Test
        void numbersBooleansAndCharsUseStringValueOf() {
            assertThat(Keys.render(42)).isEqualTo("42");
            assertThat(Keys.render(-7L)).isEqualTo("-7");
            assertThat(Keys.render(1.5d)).isEqualTo("1.5");
            assertThat(Keys.render(2.0f)).isEqualTo("2.0");
            assertThat(Keys.render((short) 3)).isEqualTo("3");
            assertThat(Keys.render((byte) 4)).isEqualTo("4");
            assertThat(Keys.render(true)).isEqualTo("true");
            assertThat(Keys.render('c')).isEqualTo("c");
            assertThat(Keys.render(new java.math.BigDecimal("12.50"))).isEqualTo("12.50");
        }

        @Test
        void enumsUseTheirNameNotToString() {
            assertThat(Keys.render(Color.RED)).isEqualTo("RED");
        }

        @Test
        void byteArraysRenderAsLowerCaseHex() {
            assertThat(Keys.render(new byte[] {0x0f, (byte) 0xab, 0, 127, -1})).isEqualTo("0fab007fff");
            assertThat(Keys.render(new byte[0])).isEmpty();
        }

        @Test
        void primitiveArraysRenderElementByElement() {
            assertThat(Keys.render(new int[] {1, 2, 3})).isEqualTo("1:2:3");
            assertThat(Keys.render(new long[] {4L, -5L})).isEqualTo("4:-5");
            assertThat(Keys.render(new double[] {0.5, 1.0})).isEqualTo("0.5:1.0");
            assertThat(Keys.render(new float[] {0.25f})).isEqualTo("0.25");
            assertThat(Keys.render(new short[] {7, 8})).isEqualTo("7:8");
            assertThat(Keys.render(new char[] {'a', 'b'})).isEqualTo("a:b");
            assertThat(Keys.render(new boolean[] {true, false})).isEqualTo("true:false");
            assertThat(Keys.text(new int[0])).isEmpty();
            assertThat(Keys.render(new int[0])).isEqualTo("\\empty");
        }

        @Test
        void objectArraysRenderNestedValuesByTheSameRules() {
            Object[] values = {"a", null, 3, Color.RED, new int[] {1, 2}, new byte[] {0x10}, List.of("x", "y")};
            assertThat(Keys.text(values)).isEqualTo("a:null:3:RED:1:2:10:x:y");
            // In a key, a group inside a group is bracketed: [[a, b], [c]] and [[a], [b, c]] differ.
            assertThat(Keys.render(values)).isEqualTo("a:null:3:RED:[1:2]:10:[x:y]");
            assertThat(Keys.render(new String[] {"only"})).isEqualTo("only");
        }

        @Test
        void collectionsRenderInIterationOrder() {
            assertThat(Keys.render(List.of(1, 2, 3))).isEqualTo("1:2:3");
            assertThat(Keys.render(new LinkedHashSet<>(List.of("b", "a")))).isEqualTo("b:a");
            assertThat(Keys.text(new ArrayList<>())).isEmpty();
            assertThat(Keys.render(new ArrayList<>())).isEqualTo("\\empty");
            assertThat(Keys.render(Arrays.asList("x", null))).isEqualTo("x:null");
            Iterable<String> iterable = () -> List.of("i", "j").iterator();
            assertThat(Keys.render(iterable)).isEqualTo("i:j");
        }

        @Test
        void mapsRenderAsPairsSortedByRenderedKey() {
            Map<Object, Object> map = new LinkedHashMap<>();
            map.put("b", 2);
            map.put("a", List.of(1, 1));
            map.put("c", null);
            assertThat(Keys.text(map)).isEqualTo("a:1:1:b:2:c:null");
            assertThat(Keys.render(map)).isEqualTo("a:[1:1]:b:2:c:null");
            assertThat(Keys.text(Map.of())).isEmpty();
            assertThat(Keys.render(Map.of())).isEqualTo("\\empty");
            Map<Object, Object> numeric = new LinkedHashMap<>();
            numeric.put(10, "ten");
            numeric.put(9, "nine");
            // Sorted as rendered text, the same for every key type.
            assertThat(Keys.render(numeric)).isEqualTo("10:ten:9:nine");
        }

        @Test
        void optionalsRenderTheirContent() {
            assertThat(Keys.render(Optional.of("x"))).isEqualTo("x");
            assertThat(Keys.render(Optional.of(List.of(1, 2)))).isEqualTo("1:2");
            assertThat(Keys.text(Optional.empty())).isEqualTo("null");
            // In a key an empty Optional differs from null.
            assertThat(Keys.render(Optional.empty())).isEqualTo("\\absent");
            assertThat(Keys.render(OptionalInt.of(5))).isEqualTo("5");
            assertThat(Keys.text(OptionalInt.empty())).isEqualTo("null");
            assertThat(Keys.render(OptionalInt.empty())).isEqualTo("\\absent");
            assertThat(Keys.render(OptionalLong.of(6))).isEqualTo("6");
            assertThat(Keys.render(OptionalDouble.of(0.5))).isEqualTo("0.5");
            assertThat(Keys.text(OptionalDouble.empty())).isEqualTo("null");
            assertThat(Keys.render(OptionalDouble.empty())).isEqualTo("\\absent");
        }

        @Test
        void anythingElseUsesToString() {
            assertThat(Keys.render(new Point(1, 2))).isEqualTo("1/2");
            // A Path is Iterable over Paths; element-wise rendering would never end.
            assertThat(Keys.render(java.nio.file.Path.of("dir", "file.txt")))
                    .isEqualTo(java.nio.file.Path.of("dir", "file.txt").toString());
            assertThat(Keys.render(List.of(new Point(3, 4)))).isEqualTo("3/4");
        }

        @Test
        void appendWritesIntoTheGivenBuilder() {
            StringBuilder builder = new StringBuilder("user:");
            assertThat(Keys.append(builder, List.of(1, 2))).isSameAs(builder);
            assertThat(builder.toString()).isEqualTo("user:1:2");
        }
    }

    @Nested
    class Formatters {

        @Test
        void lowerAndUpperIgnoreTheDefaultLocale() {
            assertThat(Keys.lower("TITLE Mixed")).isEqualTo("title mixed");
            assertThat(Keys.upper("title Mixed")).isEqualTo("TITLE MIXED");
            // Under a Turkish default locale "I" would lower to a dotless i.
            assertThat(Keys.lower("I")).isEqualTo("i");
        }

        @Test
        void lenCountsCharacters() {
            assertThat(Keys.len("1234")).isEqualTo("4");
            assertThat(Keys.len("")).isEqualTo("0");
            assertThat(Keys.len("a\uD83D\uDE00")).isEqualTo("2");
        }

        @Test
        void hashDefaultsToMd5() {
            assertThat(Keys.hash("test")).isEqualTo("098f6bcd4621d373cade4e832627b4f6");
            assertThat(Keys.hash("test", "md5")).isEqualTo("098f6bcd4621d373cade4e832627b4f6");
            assertThat(Keys.hash("")).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
        }

        @Test
        void hashSupportsSha1AndSha256() {
            assertThat(Keys.hash("test", "sha1")).isEqualTo("a94a8fe5ccb19ba61c4c0873d391e987982fbbd3");
            assertThat(Keys.hash("test", "sha256"))
                    .isEqualTo("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
            assertThat(Keys.hash("test", "SHA256")).isEqualTo(Keys.hash("test", "sha256"));
        }

        @Test
        void hashHashesUtf8Bytes() throws Exception {
            assertThat(Keys.hash("\u00e9")).isEqualTo(Keys.hex(md5(new byte[] {(byte) 0xc3, (byte) 0xa9})));
        }

        @Test
        void hashRejectsAnUnknownAlgorithm() {
            assertThatThrownBy(() -> Keys.hash("test", "sha512"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'sha512'")
                    .hasMessageContaining("md5, sha1 or sha256");
        }

        @Test
        void hashIsSafeToCallFromManyThreads() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < 64; i++) {
                    String text = "value-" + (i % 4);
                    String expected = Keys.hash(text, "sha256");
                    results.add(pool.submit(() -> {
                        for (int j = 0; j < 500; j++) {
                            if (!Keys.hash(text, "sha256").equals(expected)) {
                                return false;
                            }
                        }
                        return true;
                    }));
                }
                for (Future<Boolean> result : results) {
                    assertThat(result.get()).isTrue();
                }
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void hexIsLowerCase() {
            assertThat(Keys.hex(new byte[] {(byte) 0xDE, (byte) 0xAD, (byte) 0xBE, (byte) 0xEF})).isEqualTo("deadbeef");
            assertThat(Keys.hex(new byte[0])).isEmpty();
        }

        private byte[] md5(byte[] bytes) throws Exception {
            return java.security.MessageDigest.getInstance("MD5").digest(bytes);
        }
    }

    @Nested
    class Jwt {
        // The decoding rules are KeyText.jwt's; Keys.jwt, what proxies call, only escapes the
        // result for the key.
        @Test
        void theFormatterProxiesCallEscapesTheClaim() {
            String token = token("{\"scope\":\"a:b\",\"sub\":\"u1\"}");
            assertThat(Keys.jwt(token, "scope")).isEqualTo("a\\:b");
            assertThat(Keys.jwt(token, "sub")).isEqualTo("u1");
            assertThat(Keys.jwt(token, "missing")).isEqualTo("null");
        }

        private String token(String payloadJson) {
            Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
            return encoder.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                    + "." + encoder.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8))
                    + ".c2lnbmF0dXJl";
        }

        @Test
        void readsStringClaimsUnquoted() {
            assertThat(KeyText.jwt(token("{\"user\":\"test\"}"), "user")).isEqualTo("test");
        }

        @Test
        void readsNumbersAndBooleansAsWritten() {
            String token = token("{ \"id\" : 42, \"admin\": true, \"guest\":false, \"ratio\":-1.5e3, \"zero\":0 }");
            assertThat(KeyText.jwt(token, "id")).isEqualTo("42");
            assertThat(KeyText.jwt(token, "admin")).isEqualTo("true");
            assertThat(KeyText.jwt(token, "guest")).isEqualTo("false");
            assertThat(KeyText.jwt(token, "ratio")).isEqualTo("-1.5e3");
            assertThat(KeyText.jwt(token, "zero")).isEqualTo("0");
        }

        @Test
        void resolvesEscapes() {
            String token = token("{\"name\":\"a\\\"b\\\\c\\/d\\u00e9\\n\\t\",\"smile\":\"\\ud83d\\ude00\"}");
            assertThat(KeyText.jwt(token, "name")).isEqualTo("a\"b\\c/d\u00e9\n\t");
            assertThat(KeyText.jwt(token, "smile")).isEqualTo("\uD83D\uDE00");
        }

        @Test
        void decodesUtf8Payloads() {
            assertThat(KeyText.jwt(token("{\"city\":\"M\u00fcnchen\"}"), "city")).isEqualTo("M\u00fcnchen");
        }

        @Test
        void skipsNestedObjectsAndTakesOnlyTopLevelClaims() {
            String token = token("{\"meta\":{\"user\":\"inner\",\"list\":[1,{\"user\":\"deeper\"},\"}\"]},"
                    + "\"user\":\"outer\",\"tags\":[\"a\",\"b\"]}");
            assertThat(KeyText.jwt(token, "user")).isEqualTo("outer");
            assertThat(KeyText.jwt(token, "tags")).isEqualTo("[\"a\",\"b\"]");
            assertThat(KeyText.jwt(token, "list")).isEqualTo("null");
        }

        @Test
        void missingAndNullClaimsRenderAsNull() {
            String token = token("{\"user\":\"test\",\"gone\":null}");
            assertThat(KeyText.jwt(token, "email")).isEqualTo("null");
            assertThat(KeyText.jwt(token, "gone")).isEqualTo("null");
            assertThat(KeyText.jwt(token("{}"), "user")).isEqualTo("null");
        }

        @Test
        void acceptsPaddedPayloadsAndTokensWithoutSignature() {
            String payload = Base64.getUrlEncoder().encodeToString("{\"user\":\"ab\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(payload).endsWith("=");
            assertThat(KeyText.jwt("h." + payload + ".s", "user")).isEqualTo("ab");
            assertThat(KeyText.jwt("h." + payload, "user")).isEqualTo("ab");
        }

        @Test
        void malformedTokensRenderAsNull() {
            assertThat(KeyText.jwt("not-a-token", "user")).isEqualTo("null");
            assertThat(KeyText.jwt("", "user")).isEqualTo("null");
            assertThat(KeyText.jwt("a.!!!.c", "user")).isEqualTo("null");
            assertThat(KeyText.jwt(token("not json"), "user")).isEqualTo("null");
            assertThat(KeyText.jwt(token("[\"user\",\"test\"]"), "user")).isEqualTo("null");
        }

        @Test
        void malformedJsonAnywhereRendersAsNull() {
            assertThat(KeyText.jwt(token("{\"user\":\"test\""), "user")).isEqualTo("null");
            assertThat(KeyText.jwt(token("{\"user\":\"test\"} trailing"), "user")).isEqualTo("null");
            assertThat(KeyText.jwt(token("{\"user\":\"test\",}"), "user")).isEqualTo("null");
            assertThat(KeyText.jwt(token("{\"user\":\"te\nst\"}"), "user")).isEqualTo("null");
            assertThat(KeyText.jwt(token("{\"user\":\"\\x\"}"), "user")).isEqualTo("null");
            assertThat(KeyText.jwt(token("{\"user\":\"ok\",\"n\":01}"), "user")).isEqualTo("null");
            assertThat(KeyText.jwt(token("{\"user\":\"ok\",\"n\":tru}"), "user")).isEqualTo("null");
            assertThat(KeyText.jwt(token("{\"user\":\"ok\",\"n\":{\"a\" 1}}"), "user")).isEqualTo("null");
            assertThat(KeyText.jwt(token("{\"user\":\"\\u12\"}"), "user")).isEqualTo("null");
        }

        @Test
        void hostileNestingDoesNotOverflowTheStack() {
            String deep = "[".repeat(100_000) + "]".repeat(100_000);
            assertThat(KeyText.jwt(token("{\"a\":" + deep + ",\"user\":\"x\"}"), "user")).isEqualTo("null");
        }

        @Test
        void theLastOfRepeatedClaimsWins() {
            assertThat(KeyText.jwt(token("{\"user\":\"first\",\"user\":\"second\"}"), "user")).isEqualTo("second");
        }
    }

    @Nested
    class Escaping {

        @Test
        void valuesCannotShiftOrWidenAKey() {
            assertThat(Keys.escape("alice:admin")).isEqualTo("alice\\:admin");
            assertThat(Keys.escape("*")).isEqualTo("\\*");
            assertThat(Keys.escape("a\\b?[c]")).isEqualTo("a\\\\b\\?\\[c\\]");
            assertThat(Keys.render(List.of("a:b", "c"))).isEqualTo("a\\:b:c");
            assertThat(Keys.render(Map.of("k:1", "v*"))).isEqualTo("k\\:1:v\\*");
            assertThat(Keys.render(':')).isEqualTo("\\:");
        }

        @Test
        void aCleanValueIsReturnedAsIsWithoutCopying() {
            String clean = "alice-42";
            assertThat(Keys.escape(clean)).isSameAs(clean);
        }

        @Test
        void theStringNullDiffersFromNull() {
            assertThat(Keys.escape(null)).isEqualTo("null");
            assertThat(Keys.escape("null")).isEqualTo("\\null");
            assertThat(Keys.render(Arrays.asList("null", null))).isEqualTo("\\null:null");
        }

        @Test
        void globEscapingMakesAValueMatchOnlyItself() {
            io.cashews.spi.Glob glob = io.cashews.spi.Glob.compile("item:" + Keys.glob(Keys.escape("a*")) + ":*");
            assertThat(glob.matches("item:" + Keys.escape("a*") + ":1")).isTrue();
            assertThat(glob.matches("item:ab:1")).isFalse();
            assertThat(glob.matches("item:a:1")).isFalse();
        }

        @Test
        void unescapeUndoesEscape() {
            for (String value : List.of("", "plain", "a:b", "\\", "null", "*?[]:\\x")) {
                assertThat(io.cashews.base.KeyText.unescape(Keys.escape(value))).isEqualTo(value);
            }
        }

        // Random argument tuples for "acl:{user}:{groups}:{nick}" with user a String, groups a
        // List of Strings and Lists, nick an Optional<String>: no two different tuples may render
        // one key (SPEC §5: rendering is injective per template).
        @Test
        void twoDifferentArgumentTuplesNeverRenderOneKey() {
            java.util.Random random = new java.util.Random(17);
            Map<String, List<Object>> seen = new java.util.HashMap<>();
            for (int i = 0; i < 200_000; i++) {
                String user = randomString(random);
                List<Object> groups = randomList(random, 2);
                Optional<String> nick = random.nextInt(3) == 0 ? Optional.empty()
                        : Optional.ofNullable(randomString(random));
                List<Object> tuple = Arrays.asList(user, groups, nick);
                String key = "acl:" + Keys.escape(user) + ":" + Keys.render(groups) + ":" + Keys.render(nick);
                List<Object> earlier = seen.putIfAbsent(key, tuple);
                if (earlier != null) {
                    assertThat(earlier).as("key %s", key).isEqualTo(tuple);
                }
            }
        }

        private static String randomString(java.util.Random random) {
            if (random.nextInt(8) == 0) {
                return random.nextBoolean() ? null : "null";
            }
            String alphabet = "a:*\\?[]nul";
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(4); n > 0; n--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return text.toString();
        }

        private static List<Object> randomList(java.util.Random random, int depth) {
            List<Object> list = new ArrayList<>();
            for (int n = random.nextInt(3); n > 0; n--) {
                list.add(depth > 0 && random.nextInt(3) == 0 ? randomList(random, depth - 1) : randomString(random));
            }
            return list;
        }
    }
}
