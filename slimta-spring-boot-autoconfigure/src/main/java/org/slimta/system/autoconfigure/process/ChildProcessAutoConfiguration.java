package org.slimta.system.autoconfigure.process;

import org.slimta.system.autoconfigure.internal.ConditionalOnSlimtaSystemEnabled;
import org.slimta.system.autoconfigure.SlimtaSystemAutoConfiguration;
import org.slimta.system.signal.ChildProcessLauncher;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * A {@link ChildProcessLauncher}, which starts child processes with a clean signal mask: a
 * {@link ProcessBuilder} child of a process prepared for signalfd would inherit the blocked signals.
 * An application's own {@code ChildProcessLauncher} bean wins.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SlimtaSystemAutoConfiguration.class)
@ConditionalOnSlimtaSystemEnabled
public final class ChildProcessAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ChildProcessLauncher childProcessLauncher() {
		return new ChildProcessLauncher();
	}

}
