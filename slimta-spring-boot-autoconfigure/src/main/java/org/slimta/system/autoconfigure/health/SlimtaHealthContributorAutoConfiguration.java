package org.slimta.system.autoconfigure.health;

import org.slimta.system.internal.FeatureStatus;
import org.slimta.system.autoconfigure.internal.ConditionalOnSlimtaSystemEnabled;
import org.slimta.system.autoconfigure.SlimtaSystemAutoConfiguration;
import org.slimta.system.boot.internal.health.SlimtaHealthIndicator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code slimta} health component, when Spring Boot's health support is on the class path.
 * Disable it with {@code management.health.slimta.enabled=false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SlimtaSystemAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnSlimtaSystemEnabled
public final class SlimtaHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnEnabledHealthIndicator("slimta")
	@ConditionalOnMissingBean(name = "slimtaHealthIndicator")
	SlimtaHealthIndicator slimtaHealthIndicator(ObjectProvider<FeatureStatus> features) {
		return new SlimtaHealthIndicator(features.orderedStream().toList());
	}

}
