package org.slimta.system.autoconfigure.internal.daemon;

import org.slimta.system.autoconfigure.SlimtaSystemAutoConfiguration;
import org.slimta.system.autoconfigure.daemon.PidFileAutoConfiguration;
import org.slimta.system.autoconfigure.privilege.PrivilegeDropAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Applications with the pid file's auto-configuration and those it comes after, for the tests of
 * the pid file and of the failures it explains.
 */
public final class PidFileApplications {

	private PidFileApplications() {
	}

	public static ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SlimtaSystemAutoConfiguration.class,
				PrivilegeDropAutoConfiguration.class, PidFileAutoConfiguration.class));
	}

}
