package org.slimta.benchmarks.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The jars that the application with the starter has and the one without it has not, and
 * the packages in them.
 */
record AddedJars(Map<String, Long> sizes, Set<String> packages) {

	private static final String LIB = "BOOT-INF/lib/";

	/**
	 * Compares the libraries of two executable jars.
	 * @param without the application without the starter
	 * @param with the same application with the starter
	 * @param libraries a folder holding a copy of every library, to list their packages
	 * @return the jars only {@code with} has
	 */
	static AddedJars between(Path without, Path with, Path libraries) throws IOException {
		Map<String, Long> base = libraries(without);
		Map<String, Long> added = new TreeMap<>(libraries(with));
		added.keySet().removeAll(base.keySet());
		Set<String> packages = new TreeSet<>();
		for (String jar : added.keySet()) {
			try (JarFile file = new JarFile(libraries.resolve(jar).toFile())) {
				for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements();) {
					String name = entries.nextElement().getName();
					if (name.endsWith(".class") && name.contains("/") && !name.startsWith("META-INF/")) {
						packages.add(name.substring(0, name.lastIndexOf('/')).replace('/', '.'));
					}
				}
			}
		}
		return new AddedJars(added, packages);
	}

	long totalBytes() {
		return this.sizes.values().stream().mapToLong(Long::longValue).sum();
	}

	private static Map<String, Long> libraries(Path jar) throws IOException {
		Map<String, Long> sizes = new TreeMap<>();
		try (JarFile file = new JarFile(jar.toFile())) {
			for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements();) {
				JarEntry entry = entries.nextElement();
				if (entry.getName().startsWith(LIB) && entry.getName().endsWith(".jar")) {
					sizes.put(entry.getName().substring(LIB.length()), entry.getSize());
				}
			}
		}
		return sizes;
	}

}
