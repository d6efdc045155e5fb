package org.slimta.system.autoconfigure.internal.signal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slimta.system.autoconfigure.SlimtaSystemProperties;
import org.slimta.system.internal.signal.RelaunchSettings;
import org.slimta.system.signal.Signal;
import org.slimta.system.signal.SignalBackend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatRuntimeException;
import static org.assertj.core.api.Assertions.entry;

/**
 * The settings the first moment of a JVM decides on, read from a configuration location of a
 * test's own (so that no file of the module's working directory counts).
 */
class StartupSettingsTests {

	@TempDir
	Path directory;

	@Test
	void withoutConfigurationTheSettingsAreThePropertiesDefaults() {
		RelaunchSettings settings = read();
		assertThat(settings).isEqualTo(StartupSettings.of(new SlimtaSystemProperties()));
		assertThat(settings.wantsSignalfd()).isTrue();
	}

	@Test
	void anyOfTheSwitchesKeepsTheJvmAsItIs() {
		assertThat(read("--slimta.system.enabled=off").wantsSignalfd()).isFalse();
		assertThat(read("--slimta.system.signals.enabled=no").wantsSignalfd()).isFalse();
		assertThat(read("--slimta.system.signals.backend=JDK").wantsSignalfd()).isFalse();
		assertThat(read("--slimta.system.signals.relaunch=false").wantsSignalfd()).isFalse();
		assertThat(read("--slimta.system.daemon.enabled=true").wantsSignalfd()).isFalse();
		assertThat(read("--slimta.system.signals.backend=signalfd").wantsSignalfd()).isTrue();
	}

	@Test
	void readsTheFilesOfTheLocationWithThoseOfTheActiveProfilesAndWhatTheyImport() throws Exception {
		write("application.yml", """
				slimta:
				  system:
				    signals:
				      handled: [hup, SIGTERM, Usr1, int]
				      shutdown-on:
				---
				spring.config.activate.on-profile: "prod & !eu"
				slimta.system.signals.backend: jdk
				""");
		write("application-quiet.properties", "slimta.system.signals.relaunch=false\n");
		write("application-imported.yml", "spring.config.import: optional:file:${LOCATION}imported.yml\n");
		write("imported.yml", "slimta.system.signals.enabled: false\n");
		RelaunchSettings settings = read();
		assertThat(settings.handled()).containsExactly(Signal.SIGHUP, Signal.SIGTERM, Signal.SIGUSR1, Signal.SIGINT);
		assertThat(settings.shutdownOn()).isEmpty();
		assertThat(read("--spring.profiles.active=prod").backend()).isEqualTo(SignalBackend.JDK);
		assertThat(read("--spring.profiles.active=prod,eu").backend()).isEqualTo(SignalBackend.AUTO);
		assertThat(read("--spring.profiles.active=quiet").relaunch()).isFalse();
		assertThat(read("--spring.profiles.active=imported", "--LOCATION=" + this.directory + "/")
			.signalsEnabled()).isFalse();
	}

	@Test
	void readsTheFilesOfAdditionalLocationsOverTheOthersAndResolvesPlaceholders() throws Exception {
		write("application.properties", "slimta.system.signals.relaunch=${RELAUNCH:true}\n");
		Files.createDirectories(this.directory.resolve("more"));
		write("more/app.yml", "slimta.system.signals.backend: jdk\n");
		assertThat(read().relaunch()).isTrue();
		assertThat(read("--RELAUNCH=false").relaunch()).isFalse();
		assertThat(read("--spring.config.additional-location=file:" + this.directory.resolve("more/app.yml")).backend())
			.isEqualTo(SignalBackend.JDK);
	}

	@Test
	void failsWhereSpringBootWouldFail() {
		assertThatRuntimeException().isThrownBy(() -> read("--slimta.system.signals.relaunch=maybe"));
		assertThatRuntimeException().isThrownBy(() -> read("--slimta.system.signals.backend=epoll"));
		assertThatRuntimeException().isThrownBy(() -> read("--slimta.system.signals.handled=HUP,NOPE"));
		assertThatRuntimeException().isThrownBy(() -> read("--slimta.system.signals.handled=HUP,INT,TERM,USR2"));
		assertThatRuntimeException()
			.isThrownBy(() -> read("--slimta.system.signals.handled=HUP", "--slimta.system.signals.shutdown-on=TERM"));
		assertThatRuntimeException().isThrownBy(() -> read("--slimta.system.signals.relaunched=false"));
		assertThatRuntimeException().isThrownBy(() -> read("--spring.config.import=file:" + this.directory.resolve("missing.yml")));
	}

	@Test
	void namesWhatDiffersWithTheOtherSettingsValues() {
		RelaunchSettings atStart = read();
		RelaunchSettings last = new RelaunchSettings(true, true, SignalBackend.JDK, true,
				Set.of(Signal.SIGHUP, Signal.SIGTERM), atStart.shutdownOn(), false, true);
		assertThat(atStart.differences(last)).containsExactly(entry("slimta.system.signals.backend", "jdk"),
				entry("slimta.system.signals.handled", "HUP,TERM"));
	}

	private RelaunchSettings read(String... args) {
		List<String> arguments = new ArrayList<>(List.of(args));
		arguments.add("--spring.config.location=optional:file:" + this.directory + "/");
		return StartupSettings.read(arguments, getClass().getClassLoader());
	}

	private void write(String name, String content) throws Exception {
		Files.writeString(this.directory.resolve(name), content);
	}

}
