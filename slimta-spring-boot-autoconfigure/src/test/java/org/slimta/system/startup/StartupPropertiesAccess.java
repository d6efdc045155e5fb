package org.slimta.system.startup;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Reads {@link StartupProperties} from given sources, for tests in other packages. */
public final class StartupPropertiesAccess {

	private StartupPropertiesAccess() {
	}

	public static StartupProperties read(List<String> args, Map<String, String> systemProperties,
			Map<String, String> environment, Path workingDirectory) {
		return StartupProperties.read(args, systemProperties, environment, StartupPropertiesAccess.class.getClassLoader(),
				workingDirectory);
	}

}
