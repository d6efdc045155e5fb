package org.slimta.system.internal.signal;

import java.lang.management.ManagementFactory;

import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The JVM's own thread dump, as {@code jcmd <pid> Thread.print} and {@code kill -3} print it,
 * printed on standard output: what SIGQUIT does in a process whose signals are read from a
 * {@code signalfd}, where the JVM no longer answers SIGQUIT itself.
 */
final class ThreadDump {

	private ThreadDump() {
	}

	/**
	 * Print the thread dump on standard output.
	 * @throws IllegalStateException if the JVM's diagnostic command is unavailable
	 */
	public static void print() {
		Object dump;
		try {
			dump = ManagementFactory.getPlatformMBeanServer()
				.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "threadPrint",
						new Object[] { new String[0] }, new String[] { String[].class.getName() });
		}
		catch (JMException ex) {
			throw new IllegalStateException("The JVM's thread dump command is unavailable", ex);
		}
		synchronized (System.out) {
			System.out.print(dump);
			System.out.flush();
		}
	}

}
