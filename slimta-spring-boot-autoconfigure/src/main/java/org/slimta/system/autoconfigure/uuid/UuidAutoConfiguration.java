package org.slimta.system.autoconfigure.uuid;

import org.slimta.system.autoconfigure.internal.ConditionalOnSlimtaSystemEnabled;
import org.slimta.system.autoconfigure.SlimtaSystemAutoConfiguration;
import org.slimta.system.autoconfigure.SlimtaSystemProperties;
import org.slimta.system.uuid.UuidGenerator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.util.IdGenerator;

/**
 * An {@link IdGenerator} that makes RFC 9562 UUIDs of the configured version
 * ({@code slimta.system.uuid.version}). An application's own {@code IdGenerator} bean wins.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SlimtaSystemAutoConfiguration.class)
@ConditionalOnSlimtaSystemEnabled
public final class UuidAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(IdGenerator.class)
	IdGenerator idGenerator(SlimtaSystemProperties properties) {
		UuidGenerator generator = UuidGenerator.forVersion(properties.getUuid().getVersion());
		return generator::generate;
	}

}
