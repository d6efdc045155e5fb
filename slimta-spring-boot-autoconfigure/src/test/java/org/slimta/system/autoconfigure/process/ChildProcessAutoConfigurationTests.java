package org.slimta.system.autoconfigure.process;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.slimta.system.autoconfigure.SlimtaSystemAutoConfiguration;
import org.slimta.system.signal.ChildProcessLauncher;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class ChildProcessAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(SlimtaSystemAutoConfiguration.class, ChildProcessAutoConfiguration.class));

	@Test
	void providesALauncherThatStartsChildren() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ChildProcessLauncher.class);
			Process child = context.getBean(ChildProcessLauncher.class).start(new ProcessBuilder("echo", "started"));
			assertThat(new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("started\n");
			assertThat(child.waitFor()).isZero();
		});
	}

	@Test
	void backsOffWhenUserDefinesALauncher() {
		this.contextRunner.withUserConfiguration(UserLauncherConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(ChildProcessLauncher.class);
			assertThat(context).hasBean("userLauncher");
		});
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("slimta.system.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ChildProcessLauncher.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserLauncherConfiguration {

		@Bean
		ChildProcessLauncher userLauncher() {
			return new ChildProcessLauncher();
		}

	}

}
