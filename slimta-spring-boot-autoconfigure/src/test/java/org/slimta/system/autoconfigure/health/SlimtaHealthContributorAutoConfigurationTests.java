package org.slimta.system.autoconfigure.health;


import org.junit.jupiter.api.Test;
import org.slimta.system.internal.FeatureStatus;
import org.slimta.system.internal.ProcessIdentity;
import org.slimta.system.autoconfigure.SlimtaSystemAutoConfiguration;
import org.slimta.system.boot.internal.health.SlimtaHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class SlimtaHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(SlimtaSystemAutoConfiguration.class, SlimtaHealthContributorAutoConfiguration.class));

	@Test
	void reportsProcessIdentityAndFeaturesNotInUse() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(SlimtaHealthIndicator.class);
			assertThat(context).hasBean("slimtaHealthIndicator");
			Health health = context.getBean(SlimtaHealthIndicator.class).health();
			ProcessIdentity identity = ProcessIdentity.current();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("pid", ProcessHandle.current().pid())
				.containsEntry("user", identity.user())
				.containsEntry("uid", identity.uid())
				.containsEntry("gid", identity.gid())
				.containsEntry("native", (Runtime.version().feature() >= 22
						&& !System.getProperty("org.slimta.system.native", "").equals("jnr")) ? "ffm" : "jnr")
				.containsEntry("privileges", "not-configured")
				.containsEntry("signals", "disabled")
				.containsEntry("daemon", false);
		});
	}

	@Test
	void showsAFeatureOwnStatusAndIsDownWhenItFailed() {
		this.contextRunner.withUserConfiguration(FailedFeatureConfiguration.class).run((context) -> {
			Health health = context.getBean(SlimtaHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("privileges", "failed");
		});
	}

	@Test
	void isAbsentWithoutSpringBootHealthOnTheClassPath() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SlimtaHealthIndicator.class));
	}

	@Test
	void isAbsentWhenDisabledThroughManagementHealth() {
		this.contextRunner.withPropertyValues("management.health.slimta.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SlimtaHealthIndicator.class));
	}

	@Test
	void isAbsentWhenTheSystemHelpersAreDisabled() {
		this.contextRunner.withPropertyValues("slimta.system.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SlimtaHealthIndicator.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class FailedFeatureConfiguration {

		@Bean
		FeatureStatus failedPrivileges() {
			return new FeatureStatus() {

				@Override
				public String detail() {
					return "privileges";
				}

				@Override
				public Object value() {
					return "failed";
				}

				@Override
				public boolean failed() {
					return true;
				}

			};
		}

	}

}
