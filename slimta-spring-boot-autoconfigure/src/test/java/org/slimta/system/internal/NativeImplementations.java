package org.slimta.system.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The implementations of the native calls a JVM like this test's can run, by the names that
 * {@code -Dorg.slimta.system.native} takes: {@code jnr} always, {@code ffm} (the JDK's foreign
 * function API) on JDK 22 and later. A test that starts child JVMs runs them once with each.
 */
public final class NativeImplementations {

	/** The system property that chooses the implementation. */
	public static final String PROPERTY = "org.slimta.system.native";

	private NativeImplementations() {
	}

	/**
	 * Whether the foreign implementation runs in this JVM.
	 * @return whether it is JDK 22 or later
	 */
	public static boolean foreignAvailable() {
		return Runtime.version().feature() >= 22;
	}

	/**
	 * The names of the implementations.
	 * @return {@code jnr}, then {@code ffm} where it runs
	 */
	public static List<String> names() {
		List<String> names = new ArrayList<>(List.of("jnr"));
		if (foreignAvailable()) {
			names.add("ffm");
		}
		return names;
	}

}
