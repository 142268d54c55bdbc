package io.cashews.arch;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import io.cashews.spi.BackendProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The two sides of "backends are found through {@link ServiceLoader} only": the providers a
 * module implements and the ones it lists in {@code META-INF/services}; a provider missing from
 * the list could only be reached by naming it.
 */
public final class BackendProviders {

    private BackendProviders() {
    }

    /**
     * The concrete {@link BackendProvider} implementations among {@code classes}.
     *
     * @param classes the imported classes
     * @return their names, sorted
     */
    public static Set<String> implemented(JavaClasses classes) {
        return classes.stream()
                .filter(c -> c.isAssignableTo(BackendProvider.class) && !c.isInterface()
                        && !c.getModifiers().contains(JavaModifier.ABSTRACT))
                .map(JavaClass::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Reads the providers a module lists for {@link ServiceLoader}.
     *
     * @param resources the module's main resources directory
     * @return the class names listed, comments and blank lines left out, sorted
     * @throws IOException if the file cannot be read
     */
    public static Set<String> listed(Path resources) throws IOException {
        Path file = resources.resolve("META-INF/services/" + BackendProvider.class.getName());
        return Files.readAllLines(file).stream()
                .map(line -> line.replaceFirst("#.*", "").trim())
                .filter(line -> !line.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
