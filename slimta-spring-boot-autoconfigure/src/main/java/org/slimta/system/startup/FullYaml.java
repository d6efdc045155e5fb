package org.slimta.system.startup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * YAML that {@link SimpleYaml} does not read, read with SnakeYAML (which Spring Boot itself needs
 * for YAML files) and flattened the same way. Loaded only for such files.
 */
final class FullYaml {

	private FullYaml() {
	}

	static List<Map<String, String>> read(String text) {
		List<Map<String, String>> documents = new ArrayList<>();
		for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
			Map<String, String> flat = new LinkedHashMap<>();
			flatten("", document, flat);
			documents.add(flat);
		}
		return documents;
	}

	private static void flatten(String path, Object value, Map<String, String> flat) {
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, child) -> flatten(path.isEmpty() ? String.valueOf(key) : path + "." + key, child, flat));
		}
		else if (value instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				flatten(path + "[" + i + "]", list.get(i), flat);
			}
		}
		else if (value != null && !path.isEmpty()) {
			flat.put(path, String.valueOf(value));
		}
	}

}
