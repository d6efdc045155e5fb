package org.slimta.system.autoconfigure.internal.daemon;

/** Makes the next application in this JVM the first to decide on daemon mode, for tests in other packages. */
public final class DaemonDecisionAccess {

	private DaemonDecisionAccess() {
	}

	public static void forgetFirstRun() {
		DaemonEnvironmentPostProcessor.forgetFirstRun();
	}

}
