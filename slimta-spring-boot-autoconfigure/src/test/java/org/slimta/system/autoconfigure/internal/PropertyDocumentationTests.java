package org.slimta.system.autoconfigure.internal;

import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every property the metadata describes has a line in the README's table and in the properties
 * page of docs/, so that a property added in code cannot go undocumented.
 */
class PropertyDocumentationTests {

	private static final String PREFIX = "slimta.system.";

	// The project's root, seen from this module's directory, where Maven runs the tests.
	private static final Path ROOT = Path.of("..");

	// The first cell of a table row: the property names it documents, in backticks.
	private static final Pattern FIRST_CELL = Pattern.compile("^\\|([^|]*)\\|", Pattern.MULTILINE);

	private static final Pattern NAME = Pattern.compile("`([a-z0-9.-]+)`");

	@Test
	void readmeHasATableRowForEveryProperty() throws Exception {
		assertThat(documentedIn(ROOT.resolve("README.md"))).containsAll(described());
	}

	@Test
	void propertiesPageHasATableRowForEveryProperty() throws Exception {
		assertThat(documentedIn(ROOT.resolve("docs/properties.md"))).containsAll(described());
	}

	private List<String> documentedIn(Path file) throws Exception {
		assertThat(file).as("%s, read from %s", file, Path.of("").toAbsolutePath()).isRegularFile();
		List<String> names = new ArrayList<>();
		Matcher rows = FIRST_CELL.matcher(Files.readString(file));
		while (rows.find()) {
			Matcher name = NAME.matcher(rows.group(1));
			while (name.find()) {
				names.add(name.group(1));
			}
		}
		return names;
	}

	private List<String> described() throws Exception {
		List<String> described = new ArrayList<>();
		for (URL url : Collections.list(getClass().getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream metadata = url.openStream()) {
				List<String> names = JsonPath.read(metadata, "$.properties[*].name");
				names.stream()
					.filter((name) -> name.startsWith(PREFIX))
					.map((name) -> name.substring(PREFIX.length()))
					.forEach(described::add);
			}
		}
		assertThat(described).as("slimta.system.* properties in the metadata").isNotEmpty();
		return described;
	}

}
