package org.slimta.system.testsupport;

/**
 * The program of the child JVMs of {@link JavaProcessTests}: {@code exit <status>} prints a line and
 * exits; {@code wait} prints a line and waits; {@code parent} starts a shell that ignores SIGTERM,
 * prints its pid and waits.
 */
public final class ChildMain {

	private ChildMain() {
	}

	public static void main(String[] args) throws Exception {
		if (args[0].equals("exit")) {
			System.out.println("ready to exit");
			System.err.println("on standard error");
			System.exit(Integer.parseInt(args[1]));
		}
		if (args[0].equals("wait")) {
			System.out.println("waiting");
			Thread.sleep(120_000);
			return;
		}
		Process shell = new ProcessBuilder("sh", "-c", "trap '' TERM; while :; do sleep 1; done").start();
		System.out.println("child " + shell.pid());
		Thread.sleep(120_000);
	}

}
