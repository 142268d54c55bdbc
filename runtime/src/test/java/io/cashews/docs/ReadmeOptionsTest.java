package io.cashews.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.codec.ValueCodec;
import io.cashews.memory.MemoryBackendProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * README's option tables for {@code mem://} and for values name exactly the options the code
 * reads: an option added without a row, or a row for an option that does not exist, fails here.
 */
class ReadmeOptionsTest {

    private static final Pattern CODE = Pattern.compile("`([a-z_]+)`");

    /** The repository's root: the first directory upwards holding README.md and a pom.xml. */
    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.exists(dir.resolve("README.md")) && Files.exists(dir.resolve("pom.xml")))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the repository root").isNotNull();
        return dir;
    }

    /**
     * The option names in the first column of the first table after {@code heading}; a row whose
     * first cell says "value options" stands for {@link ValueCodec#OPTION_NAMES}.
     */
    static Set<String> optionsOfTable(String readme, String heading) {
        int at = readme.indexOf("\n" + heading + "\n");
        assertThat(at).as("README heading %s", heading).isNotNegative();
        Set<String> names = new LinkedHashSet<>();
        boolean inTable = false;
        for (String line : readme.substring(at + heading.length() + 2).split("\n")) {
            if (line.startsWith("|")) {
                inTable = true;
                String first = line.split("\\|")[1];
                if (first.contains("value options")) {
                    names.addAll(ValueCodec.OPTION_NAMES);
                }
                Matcher m = CODE.matcher(first);
                while (m.find()) {
                    names.add(m.group(1));
                }
            } else if (inTable) {
                break;
            }
        }
        names.remove("option");
        return names;
    }

    private static String readme() throws IOException {
        return Files.readString(root().resolve("README.md"), StandardCharsets.UTF_8);
    }

    @Test
    void theMemoryTableNamesEveryMemoryOptionAndNoOther() throws IOException {
        Set<String> documented = optionsOfTable(readme(), "### `mem://`");
        assertThat(new MemoryBackendProvider().optionNames()).containsAll(documented);
        assertThat(documented).contains("size", "check_interval", "copy");
        Set<String> own = new LinkedHashSet<>(new MemoryBackendProvider().optionNames());
        own.removeAll(ValueCodec.OPTION_NAMES);
        assertThat(documented).containsAll(own);
    }

    @Test
    void theValuesTableNamesExactlyTheCodecOptions() throws IOException {
        assertThat(optionsOfTable(readme(), "## Values and security"))
                .containsExactlyInAnyOrderElementsOf(ValueCodec.OPTION_NAMES);
    }

    @Test
    void everyBackendTakesEnableAndDisableAsReadmeSays() throws IOException {
        assertThat(readme()).contains("Every backend takes `enable` / `disable`");
        try (io.cashews.Cashews cache = io.cashews.Cashews.create("mem://?disable=true")) {
            assertThat(cache.set("k", "v")).isFalse();
            assertThat((Object) cache.get("k")).isNull();
        }
    }
}
