package org.slimta.system.autoconfigure.uuid;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.slimta.system.autoconfigure.SlimtaSystemAutoConfiguration;
import org.slimta.system.autoconfigure.SlimtaSystemProperties;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.IdGenerator;
import org.springframework.util.SimpleIdGenerator;

import static org.assertj.core.api.Assertions.assertThat;

class UuidAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SlimtaSystemAutoConfiguration.class, UuidAutoConfiguration.class));

	@Test
	void providesRandomUuidsByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(IdGenerator.class);
			UUID id = context.getBean(IdGenerator.class).generateId();
			assertThat(id.version()).isEqualTo(4);
			assertThat(id.variant()).isEqualTo(2);
		});
	}

	@Test
	void providesTheConfiguredVersion() {
		for (int version : new int[] { 1, 4, 7 }) {
			this.contextRunner.withPropertyValues("slimta.system.uuid.version=" + version)
				.run((context) -> assertThat(context.getBean(IdGenerator.class).generateId().version())
					.isEqualTo(version));
		}
	}

	@Test
	void backsOffWhenUserDefinesIdGenerator() {
		this.contextRunner.withUserConfiguration(UserIdGeneratorConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(IdGenerator.class);
			assertThat(context.getBean(IdGenerator.class)).isInstanceOf(SimpleIdGenerator.class);
		});
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("slimta.system.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(IdGenerator.class);
			assertThat(context).doesNotHaveBean(SlimtaSystemProperties.class);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserIdGeneratorConfiguration {

		@Bean
		IdGenerator userIdGenerator() {
			return new SimpleIdGenerator();
		}

	}

}
