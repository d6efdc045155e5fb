package org.slimta.system.autoconfigure.internal;

import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

import static org.assertj.core.api.Assertions.assertThat;

class SlimtaSystemPropertyNamesTests {

	@Test
	void knowsExactlyThePropertiesTheMetadataDescribes() throws Exception {
		List<String> described = new ArrayList<>();
		for (URL url : Collections.list(getClass().getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream metadata = url.openStream()) {
				List<String> names = JsonPath.read(metadata, "$.properties[*].name");
				names.stream().filter((name) -> name.startsWith("slimta.system.")).forEach(described::add);
			}
		}
		assertThat(SlimtaSystemPropertyNames.known()).map(ConfigurationPropertyName::toString)
			.containsExactlyInAnyOrderElementsOf(described);
	}

	@Test
	void suggestsTheKnownPropertyAMisspellingIsClosestTo() {
		assertThat(closest("slimta.system.privilges.user")).isEqualTo("slimta.system.privileges.user");
		assertThat(closest("slimta.system.signals.shutdown")).isEqualTo("slimta.system.signals.shutdown-on");
		assertThat(closest("slimta.system.daemon.pidfiles")).isEqualTo("slimta.system.daemon.pid-file");
		assertThat(closest("slimta.system.uuid.versoin")).isEqualTo("slimta.system.uuid.version");
		assertThat(closest("slimta.system.enabeld")).isEqualTo("slimta.system.enabled");
		assertThat(closest("slimta.system.signals.SHUTDOWN_ONN")).isEqualTo("slimta.system.signals.shutdown-on");
	}

	@Test
	void suggestsNothingForANameLikeNoKnownOne() {
		assertThat(closest("slimta.system.colour")).isNull();
		assertThat(closest("slimta.system.signals.grace-period")).isNull();
	}

	@Test
	void knowsWhichPropertiesAreLists() {
		assertThat(SlimtaSystemPropertyNames.isList(ConfigurationPropertyName.of("slimta.system.signals.handled"))).isTrue();
		assertThat(SlimtaSystemPropertyNames.isList(ConfigurationPropertyName.adapt("slimta.system.signals.shutdownOn", '.')))
			.isTrue();
		assertThat(SlimtaSystemPropertyNames.isList(ConfigurationPropertyName.of("slimta.system.daemon.umask"))).isFalse();
		assertThat(SlimtaSystemPropertyNames.isList(ConfigurationPropertyName.of("slimta.system.colour"))).isFalse();
	}

	@Test
	void recognisesAnEnvironmentVariableThatSpellsDashesAsUnderscores() {
		assertThat(SlimtaSystemPropertyNames
			.isKnownIgnoringSeparators(ConfigurationPropertyName.of("slimta.system.signals.shutdown.on"))).isTrue();
		assertThat(SlimtaSystemPropertyNames
			.isKnownIgnoringSeparators(ConfigurationPropertyName.of("slimta.system.privilges.user"))).isFalse();
	}

	private static String closest(String name) {
		ConfigurationPropertyName closest = SlimtaSystemPropertyNames.closest(ConfigurationPropertyName.adapt(name, '.'));
		return (closest != null) ? closest.toString() : null;
	}

}
