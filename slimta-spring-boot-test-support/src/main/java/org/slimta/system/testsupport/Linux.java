package org.slimta.system.testsupport;

import java.util.function.Supplier;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The assumptions of tests that need Linux, or root on Linux: such a test is skipped elsewhere, with
 * a message that says what it needs and why, in the test report and on the console.
 */
public final class Linux {

	private Linux() {
	}

	/**
	 * Whether this JVM runs on Linux.
	 * @return {@code true} on Linux
	 */
	public static boolean isLinux() {
		return System.getProperty("os.name", "").startsWith("Linux");
	}

	/**
	 * Skip the test unless this JVM runs on Linux.
	 * @param why what the test needs of Linux, for example "signals are sent with kill(2)"
	 */
	public static void assumeLinux(String why) {
		assume(isLinux(), () -> "needs Linux (" + why + "), runs on " + System.getProperty("os.name"));
	}

	/**
	 * Skip the test unless this process runs as root on Linux, as told by {@code /proc/self/status}.
	 * @param why what the test needs root for, for example "drops privileges"
	 */
	public static void assumeRoot(String why) {
		assumeLinux(why);
		assume(ProcProcess.self().effectiveUid() == 0, () -> "needs root (" + why + "): run the tests as root");
	}

	/**
	 * Skip the test if this process runs as root, which may do what the test expects to be refused.
	 * @param why what root would be allowed to do, for example "root may write any directory"
	 */
	public static void assumeNotRoot(String why) {
		assume(!isLinux() || ProcProcess.self().effectiveUid() != 0,
				() -> "needs another user than root (" + why + "): run the tests as another user");
	}

	// Said on the console too: a build's summary counts skipped tests but shows no reason.
	private static void assume(boolean holds, Supplier<String> message) {
		if (!holds) {
			String test = StackWalker.getInstance()
				.walk((frames) -> frames.filter((frame) -> !frame.getClassName().equals(Linux.class.getName()))
					.findFirst()
					.map((frame) -> simpleName(frame.getClassName()) + "." + frame.getMethodName())
					.orElse("a test"));
			System.out.println("Skipped " + test + ": " + message.get());
		}
		assumeTrue(holds, message);
	}

	private static String simpleName(String className) {
		return className.substring(className.lastIndexOf('.') + 1);
	}

}
