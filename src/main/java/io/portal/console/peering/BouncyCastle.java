package io.portal.console.peering;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * BouncyCastle, found when the peer certificate is first made. Its three signed jars are kept off the class path
 * the console starts with ({@code lib/} beside the console's jar holds them): every class path scan opened them
 * and read their large manifests, a noticeable part of the window's start, for code only the peer service needs.
 * Where BouncyCastle is on the class path anyway (tests, an IDE, the installers' launchers), it is used from there.
 */
final class BouncyCastle {
    static final String BUILDER = "io.portal.console.peering.BouncyCastleCertificates";
    private static final String PROBE = "org/bouncycastle/cert/X509v3CertificateBuilder.class";
    private static CertificateBuilder certificates;

    private BouncyCastle() {
    }

    static synchronized CertificateBuilder certificates() {
        if (certificates == null) {
            ClassLoader app = BouncyCastle.class.getClassLoader();
            certificates = load(app, app.getResource(PROBE) != null ? List.of() : jarsBeside(consoleLocation()));
        }
        return certificates;
    }

    /** The builder from the app's class loader where it sees BouncyCastle, else from these jars. */
    static CertificateBuilder load(ClassLoader app, List<Path> jars) {
        ClassLoader loader = app.getResource(PROBE) != null ? app : new JarsLoader(urls(jars), app);
        try {
            return (CertificateBuilder) Class.forName(BUILDER, true, loader).getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("BouncyCastle is not available (looked in " + jars + "): " + e, e);
        }
    }

    /** BouncyCastle's jars in the {@code lib} folder beside the console's jar. */
    static List<Path> jarsBeside(Path consoleJar) {
        Path lib = consoleJar.resolveSibling("lib");
        if (!Files.isRegularFile(consoleJar) || !Files.isDirectory(lib)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(lib)) {
            return files.filter(f -> f.getFileName().toString().matches("bc(prov|pkix|util)-.*\\.jar")).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path consoleLocation() {
        try {
            return Path.of(BouncyCastle.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot tell where the console's jar is: " + e.getMessage(), e);
        }
    }

    private static URL[] urls(List<Path> jars) {
        return jars.stream().map(jar -> {
            try {
                return jar.toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(e);
            }
        }).toArray(URL[]::new);
    }

    /**
     * BouncyCastle's jars over the app's loader. The builder class is defined here too, from the app's copy of its
     * bytes, so that its references to BouncyCastle resolve in these jars; everything else comes from the app first.
     */
    private static final class JarsLoader extends URLClassLoader {
        static {
            registerAsParallelCapable();
        }

        JarsLoader(URL[] jars, ClassLoader app) {
            super("bouncycastle", jars, app);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(BUILDER)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        byte[] bytes = in.readAllBytes();
                        loaded = defineClass(name, bytes, 0, bytes.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }
}
