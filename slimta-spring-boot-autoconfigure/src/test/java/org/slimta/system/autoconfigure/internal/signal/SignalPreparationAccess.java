package org.slimta.system.autoconfigure.internal.signal;

/** Makes the next application in this JVM the first to prepare for signalfd, for tests in other packages. */
public final class SignalPreparationAccess {

	private SignalPreparationAccess() {
	}

	public static void forgetFirstRun() {
		SignalPreparationEnvironmentPostProcessor.forgetFirstRun();
	}

}
