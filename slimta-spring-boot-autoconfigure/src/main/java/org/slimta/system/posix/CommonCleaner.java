package org.slimta.system.posix;

import java.lang.reflect.Field;

/**
 * Lets jffi register its clean-ups with the JDK's common cleaner (the {@code Common-Cleaner}
 * thread every JVM has) instead of starting a thread of its own ({@code Cleaner-1}) on its first
 * call. Works where the JVM exports {@code jdk.internal.ref} to the application
 * ({@link #JVM_OPTION}, which a process prepared for signalfd gets); elsewhere jffi keeps its
 * own thread, as before.
 */
final class CommonCleaner {

	/** The JVM option that makes the common cleaner reachable. */
	static final String JVM_OPTION = "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED";

	private CommonCleaner() {
	}

	// jffi creates its cleaner lazily, in a static field it leaves alone once set.
	static void shareWithJffi() {
		try {
			Object common = Class.forName("jdk.internal.ref.CleanerFactory").getMethod("cleaner").invoke(null);
			Field cleaner = Class.forName("com.kenai.jffi.internal.Cleaner", true, CommonCleaner.class.getClassLoader())
				.getDeclaredField("cleaner");
			cleaner.setAccessible(true);
			synchronized (CommonCleaner.class) {
				if (cleaner.get(null) == null) {
					cleaner.set(null, common);
				}
			}
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			// Not exported here, or another jffi: it starts its own cleaner thread.
		}
	}

}
