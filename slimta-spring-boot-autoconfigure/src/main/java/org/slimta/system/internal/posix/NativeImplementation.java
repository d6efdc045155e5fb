package org.slimta.system.internal.posix;

import java.util.Locale;

/**
 * Which implementation makes this JVM's native calls: the JDK's own Foreign Function &amp; Memory
 * API ({@code java.lang.foreign}) on JDK 22 and later, which unpacks nothing to disk; jnr (jffi)
 * before, or wherever {@code -Dorg.slimta.system.native=jnr} asks for it. Decided once per JVM.
 * The foreign classes are compiled for JDK 22 into {@code META-INF/versions/22} of the jar, so a
 * JDK before 22 never sees them.
 */
final class NativeImplementation {

	/** The system property that chooses: {@code jnr}, or {@code ffm} (the default on JDK 22+). */
	static final String PROPERTY = "org.slimta.system.native";

	private static final int FOREIGN_FEATURE = 22;

	private NativeImplementation() {
	}

	/**
	 * Whether this JVM makes its native calls through {@code java.lang.foreign}.
	 * @return {@code true} on JDK 22 and later, unless {@link #PROPERTY} is {@code jnr}
	 */
	static boolean foreign() {
		return foreign(Runtime.version().feature(), System.getProperty(PROPERTY, ""));
	}

	static boolean foreign(int feature, String choice) {
		return feature >= FOREIGN_FEATURE && !choice.trim().toLowerCase(Locale.ROOT).equals("jnr");
	}

	/**
	 * The name of the implementation in use, as health details and log lines show it.
	 * @return {@code ffm} or {@code jnr}
	 */
	static String name() {
		return foreign() ? "ffm" : "jnr";
	}

	/**
	 * Make an instance of a foreign implementation, a class of this package that exists only for
	 * JDK 22 and later.
	 * @param <T> the type it implements
	 * @param type the type it implements
	 * @param simpleName the class's simple name
	 * @return the instance
	 * @throws PosixUnavailableException if it cannot be made
	 */
	static <T> T instantiate(Class<T> type, String simpleName) {
		try {
			Class<?> implementation = Class.forName(NativeImplementation.class.getPackageName() + "." + simpleName, true,
					NativeImplementation.class.getClassLoader());
			return type.cast(implementation.getDeclaredConstructor().newInstance());
		}
		catch (ReflectiveOperationException | LinkageError ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			if (cause instanceof PosixUnavailableException unavailable) {
				throw unavailable;
			}
			throw new PosixUnavailableException("the JDK's foreign function API failed to bind libc: " + cause, cause);
		}
	}

}
