package org.slimta.system.internal.signal;

import org.jspecify.annotations.Nullable;

/**
 * Whether the code starting the application is this JVM's own {@code main}, judged from the
 * stack: only then may the JVM be re-executed, since a test runner, an IDE's launcher or another
 * hosting program would start again with it.
 */
final class ApplicationMain {

	// The static entry point users may call from main, before Spring Boot starts.
	private static final String EARLY_ENTRY = "org.slimta.system.autoconfigure.EarlySignalPreparation";

	private static final String BOOT_LAUNCHERS = "org.springframework.boot.loader.";

	private ApplicationMain() {
	}

	/**
	 * Why the running code is not the application's own {@code main}: the code that called Spring
	 * Boot (or this starter's early preparation) must be a {@code main} method, and nothing but
	 * reflection or Spring Boot's launchers may lie below it.
	 * @param thread the thread starting the application
	 * @param stack that thread's stack, innermost frame first
	 * @return the reason, or {@code null} if the application is this JVM's own main
	 */
	static @Nullable String whyNot(Thread thread, StackTraceElement[] stack) {
		if (!"main".equals(thread.getName())) {
			return "the application is started from thread '" + thread.getName() + "', not from the JVM's main";
		}
		int caller = -1;
		for (int i = 0; i < stack.length; i++) {
			if (isEntry(stack[i].getClassName())) {
				caller = i + 1;
			}
		}
		if (caller <= 0 || caller >= stack.length) {
			return "Spring Boot is not started from a main method";
		}
		StackTraceElement main = stack[caller];
		if (!"main".equals(main.getMethodName())) {
			return "Spring Boot is started from " + main.getClassName() + "." + main.getMethodName()
					+ " (a test or another host), not from a main method";
		}
		for (int i = caller + 1; i < stack.length; i++) {
			if (!isLauncherFrame(stack[i].getClassName())) {
				return "the JVM's main is " + stack[stack.length - 1].getClassName()
						+ " (a test runner or another launcher), not " + main.getClassName();
			}
		}
		return null;
	}

	private static boolean isEntry(String className) {
		return (className.startsWith("org.springframework.boot.") && !className.startsWith(BOOT_LAUNCHERS))
				|| className.equals(EARLY_ENTRY);
	}

	private static boolean isLauncherFrame(String className) {
		return className.startsWith(BOOT_LAUNCHERS) || className.startsWith("java.lang.reflect.")
				|| className.startsWith("jdk.internal.reflect.") || className.startsWith("java.lang.invoke.");
	}

}
