package org.slimta.system.autoconfigure.internal;

import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.slimta.system.autoconfigure.SignalsProperties;
import org.slimta.system.signal.Signal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metadata the annotation processor generates is what IDEs complete and describe.
 */
class ConfigurationMetadataTests {

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	@Test
	void describesEveryPropertyOfTheContract() throws Exception {
		List<Map<String, Object>> properties = new ArrayList<>();
		// Every jar of Spring Boot has a file of this name too: read them all, keep ours.
		for (URL url : Collections.list(getClass().getClassLoader().getResources(METADATA))) {
			try (InputStream metadata = url.openStream()) {
				List<Map<String, Object>> all = JsonPath.read(metadata, "$.properties");
				all.stream().filter((property) -> property.get("name").toString().startsWith("slimta.system.")).forEach(properties::add);
			}
		}
		assertThat(properties).extracting((property) -> property.get("name"))
			.containsExactlyInAnyOrder("slimta.system.enabled", "slimta.system.signals.enabled",
					"slimta.system.signals.backend", "slimta.system.signals.handled",
					"slimta.system.signals.shutdown-on", "slimta.system.signals.shutdown-delay",
					"slimta.system.signals.exit-status", "slimta.system.signals.relaunch",
					"slimta.system.privileges.user", "slimta.system.privileges.group",
					"slimta.system.privileges.supplementary-groups", "slimta.system.daemon.enabled",
					"slimta.system.daemon.working-directory", "slimta.system.daemon.umask",
					"slimta.system.daemon.pid-file", "slimta.system.daemon.stdout", "slimta.system.daemon.stderr",
					"slimta.system.daemon.ready-timeout", "slimta.system.daemon.notify", "slimta.system.uuid.version",
					"slimta.system.sockets.activation");
		assertThat(properties).allSatisfy((property) -> assertThat((String) property.get("description"))
			.as("description of %s", property.get("name"))
			.isNotBlank()
			.endsWith("."));
		assertThat(properties).filteredOn((property) -> property.get("name").equals("slimta.system.daemon.umask"))
			.singleElement()
			.satisfies((umask) -> assertThat(umask).containsEntry("defaultValue", "0"));
		// The annotation processor cannot read a set of enum constants: these two are written in the
		// additional metadata, and must say what the properties class holds.
		SignalsProperties signals = new SignalsProperties();
		assertThat(properties).filteredOn((property) -> property.get("name").equals("slimta.system.signals.handled"))
			.singleElement()
			.satisfies((handled) -> assertThat(handled).containsEntry("defaultValue", names(signals.getHandled())));
		assertThat(properties).filteredOn((property) -> property.get("name").equals("slimta.system.signals.shutdown-on"))
			.singleElement()
			.satisfies((shutdownOn) -> assertThat(shutdownOn).containsEntry("defaultValue", names(signals.getShutdownOn())));
	}

	private static List<String> names(Set<Signal> signals) {
		return signals.stream().map(Signal::name).toList();
	}

	@Test
	void describesTheSwitchOfTheHealthComponentAsSpringBootDescribesItsOwn() throws Exception {
		List<Map<String, Object>> properties = new ArrayList<>();
		for (URL url : Collections.list(getClass().getClassLoader().getResources(METADATA))) {
			try (InputStream metadata = url.openStream()) {
				properties.addAll(JsonPath.read(metadata, "$.properties[?(@.name == 'management.health.slimta.enabled')]"));
			}
		}
		assertThat(properties).singleElement().satisfies((enabled) -> {
			assertThat(enabled).containsEntry("type", "java.lang.Boolean").containsEntry("defaultValue", true);
			assertThat((String) enabled.get("description")).startsWith("Whether to enable").endsWith(".");
		});
	}

}
