package org.slimta.sample;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.slimta.system.testsupport.Linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The jar started without native access enabled: through Spring Boot's {@code PropertiesLauncher}
 * on the class path, where the {@code Enable-Native-Access} entry of the jar's manifest does not
 * apply. The JDK warns about restricted methods in each JVM (the first, and the one relaunched for
 * signalfd); the starter adds one line, once, in the JVM that serves, with the fix.
 */
class NativeAccessIT {

	private static final String NOTICE = "Native access is not enabled for the starter's native calls (ffm)";

	@Test
	void logsOneLineWithTheFixWhereNativeAccessIsNotEnabled() throws Exception {
		Linux.assumeLinux("the native calls are made on Linux only");
		assumeTrue(Runtime.version().feature() >= 22,
				"the foreign function API and its restricted methods need JDK 22+; this is " + Runtime.version());
		try (SampleAppProcess app = SampleAppProcess.startMain("org.slimta.sample.SampleApplication")) {
			app.awaitHttp();
			assertThat(app.terminate()).as(app.output()).isEqualTo(143);
			List<String> lines = app.output().lines().toList();
			assertThat(lines).filteredOn((line) -> line.contains(NOTICE)).singleElement()
				.asString()
				.contains(" WARN ")
				.contains("Enable-Native-Access: ALL-UNNAMED")
				.contains("--enable-native-access=ALL-UNNAMED");
			assertThat(lines).anyMatch((line) -> line.startsWith("WARNING: A restricted method"));
		}
	}

}
