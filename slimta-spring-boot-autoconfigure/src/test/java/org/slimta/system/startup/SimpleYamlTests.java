package org.slimta.system.startup;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.slimta.system.startup.SimpleYaml.UnsupportedYamlException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

class SimpleYamlTests {

	@Test
	void flattensNestedMappingsAndDottedKeys() throws Exception {
		List<Map<String, String>> documents = SimpleYaml.read("""
				server:
				  port: 8080   # a comment
				slimta:
				  system:
				    signals:
				      relaunch: false
				      backend: "jdk"
				slimta.system.daemon.enabled: 'yes'
				""");
		assertThat(documents).singleElement()
			.satisfies((document) -> assertThat(document).containsExactly(entry("server.port", "8080"),
					entry("slimta.system.signals.relaunch", "false"), entry("slimta.system.signals.backend", "jdk"),
					entry("slimta.system.daemon.enabled", "yes")));
	}

	@Test
	void readsBlockCompactAndFlowSequences() throws Exception {
		Map<String, String> document = SimpleYaml.read("""
				a:
				  handled:
				    - HUP
				    - "INT"
				  shutdown-on:
				  - TERM
				  flow: [ USR1, 'QUIT' ]
				  items:
				    - name: x
				      value: 1
				    - name: y
				""").get(0);
		assertThat(document).containsEntry("a.handled[0]", "HUP")
			.containsEntry("a.handled[1]", "INT")
			.containsEntry("a.shutdown-on[0]", "TERM")
			.containsEntry("a.flow[0]", "USR1")
			.containsEntry("a.flow[1]", "QUIT")
			.containsEntry("a.items[0].name", "x")
			.containsEntry("a.items[0].value", "1")
			.containsEntry("a.items[1].name", "y");
	}

	@Test
	void splitsDocumentsAndKeepsHashesInsideQuotes() throws Exception {
		List<Map<String, String>> documents = SimpleYaml.read("""
				a: "x # not a comment"
				---
				spring.config.activate.on-profile: prod
				a: y
				""");
		assertThat(documents).hasSize(2);
		assertThat(documents.get(0)).containsEntry("a", "x # not a comment");
		assertThat(documents.get(1)).containsEntry("spring.config.activate.on-profile", "prod").containsEntry("a", "y");
	}

	@Test
	void takesBlockScalarsWholeWithoutReadingTheirLinesAsKeys() throws Exception {
		Map<String, String> document = SimpleYaml.read("""
				banner: |
				  slimta: not a key
				    indented
				after: 1
				""").get(0);
		assertThat(document).containsEntry("after", "1").doesNotContainKey("slimta");
	}

	@Test
	void refusesWhatItDoesNotRead() {
		for (String yaml : List.of("a: &anchor 1\nb: *anchor\n", "a: !!str 1\n", "a: {b: 1}\n", "a: one\n  two\n",
				"- top\n", "a:\n\tb: 1\n", "a: [1,\n  2]\n", "a:\n  - - nested\n")) {
			assertThatExceptionOfType(UnsupportedYamlException.class).as(yaml).isThrownBy(() -> SimpleYaml.read(yaml));
		}
	}

}
