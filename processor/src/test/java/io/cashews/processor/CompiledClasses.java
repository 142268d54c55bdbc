package io.cashews.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;

/**
 * Loads the classes of a successful compilation (sources and generated proxies) in a class loader
 * whose parent is the test's, so the proxies share {@code io.cashews} with the test.
 */
final class CompiledClasses extends ClassLoader {
    private final Map<String, byte[]> classes = new HashMap<>();

    CompiledClasses(Compilation compilation) {
        this(compilation, CompiledClasses.class.getClassLoader());
    }

    /** The classes of {@code compilation} over {@code parent}, which may hold classes compiled earlier. */
    CompiledClasses(Compilation compilation, ClassLoader parent) {
        super(parent);
        for (JavaFileObject file : compilation.generatedFiles()) {
            if (file.getKind() != JavaFileObject.Kind.CLASS) {
                continue;
            }
            String path = file.toUri().getPath();
            String relative = path.substring(path.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length());
            String name = relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
            try (InputStream in = file.openInputStream()) {
                classes.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertThat(classes).isNotEmpty();
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
    }

    /** A new instance through the public constructor taking {@code args}' runtime types (or supertypes). */
    Object create(String className, Object... args) throws Exception {
        Class<?> type = loadClass(className);
        for (var constructor : type.getConstructors()) {
            if (constructor.getParameterCount() == args.length && accepts(constructor.getParameterTypes(), args)) {
                return constructor.newInstance(args);
            }
        }
        throw new NoSuchMethodException(className + " constructor for " + args.length + " arguments");
    }

    /** Calls the public method {@code name} with {@code args}, rethrowing what it throws unwrapped. */
    static Object call(Object target, String name, Object... args) throws Throwable {
        for (Method method : target.getClass().getMethods()) {
            if (method.getName().equals(name) && method.getParameterCount() == args.length
                    && accepts(method.getParameterTypes(), args)) {
                try {
                    method.setAccessible(true);
                    return method.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
        throw new NoSuchMethodException(target.getClass().getName() + "." + name);
    }

    private static boolean accepts(Class<?>[] types, Object[] args) {
        for (int i = 0; i < types.length; i++) {
            if (args[i] != null && !box(types[i]).isInstance(args[i])) {
                return false;
            }
        }
        return true;
    }

    private static Class<?> box(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return switch (type.getName()) {
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "boolean" -> Boolean.class;
            case "double" -> Double.class;
            case "float" -> Float.class;
            case "char" -> Character.class;
            case "byte" -> Byte.class;
            default -> Short.class;
        };
    }
}
