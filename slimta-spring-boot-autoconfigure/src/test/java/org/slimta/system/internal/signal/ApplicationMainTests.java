package org.slimta.system.internal.signal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApplicationMainTests {

	@Test
	void recognisesTheApplicationsOwnMain() {
		Thread main = new Thread("main");
		StackTraceElement prepare = frame("org.slimta.system.autoconfigure.internal.signal.SignalPreparationEnvironmentPostProcessor",
				"postProcessEnvironment");
		StackTraceElement run = frame("org.springframework.boot.SpringApplication", "run");
		StackTraceElement appMain = frame("com.example.App", "main");
		StackTraceElement reflection = frame("java.lang.reflect.Method", "invoke");
		StackTraceElement jarLauncher = frame("org.springframework.boot.loader.launch.JarLauncher", "main");
		assertThat(ApplicationMain.whyNot(main, stack(prepare, run, appMain))).isNull();
		assertThat(ApplicationMain.whyNot(main, stack(prepare, run, appMain, reflection, jarLauncher)))
			.isNull();
		StackTraceElement early = frame("org.slimta.system.autoconfigure.EarlySignalPreparation", "prepare");
		assertThat(ApplicationMain.whyNot(main, stack(prepare, early, appMain))).isNull();
		StackTraceElement test = frame("com.example.AppTests", "prepares");
		assertThat(ApplicationMain.whyNot(main, stack(prepare, early, test))).contains("AppTests");
	}

	@Test
	void recognisesTestsAndOtherHosts() {
		Thread main = new Thread("main");
		StackTraceElement run = frame("org.springframework.boot.SpringApplication", "run");
		StackTraceElement test = frame("com.example.AppTests", "startsTheApplication");
		StackTraceElement surefire = frame("org.apache.maven.surefire.booter.ForkedBooter", "main");
		StackTraceElement appMain = frame("com.example.App", "main");
		StackTraceElement ideLauncher = frame("com.intellij.rt.execution.application.AppMainV2", "main");
		assertThat(ApplicationMain.whyNot(main, stack(run, test, surefire)))
			.contains("com.example.AppTests.startsTheApplication");
		assertThat(ApplicationMain.whyNot(main, stack(run, appMain, surefire)))
			.contains("ForkedBooter");
		assertThat(ApplicationMain.whyNot(main, stack(run, appMain, ideLauncher)))
			.contains("AppMainV2");
		assertThat(ApplicationMain.whyNot(new Thread("restartedMain"), stack(run, appMain)))
			.contains("restartedMain");
		assertThat(ApplicationMain.whyNot(main, stack(appMain))).contains("not started from a main");
	}

	private static StackTraceElement frame(String className, String method) {
		return new StackTraceElement(className, method, null, 1);
	}

	private static StackTraceElement[] stack(StackTraceElement... frames) {
		return frames;
	}

}
