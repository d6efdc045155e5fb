package org.slimta.system.signal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slimta.system.startup.StartupPropertiesAccess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

class RelaunchSettingsTests {

	@TempDir
	Path directory;

	@Test
	void defaultsAskForSignalfd() {
		RelaunchSettings settings = read();
		assertThat(settings.wantsSignalfd()).isTrue();
		assertThat(settings.handled()).containsExactly(Signal.SIGHUP, Signal.SIGINT, Signal.SIGTERM);
		assertThat(settings.shutdownOn()).containsExactly(Signal.SIGINT, Signal.SIGTERM);
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
	void readsSignalsAsSpringBootConvertsThem() {
		assertThat(read("--slimta.system.signals.handled=hup,SIGTERM,Usr1,int").handled()).containsExactly(Signal.SIGHUP,
				Signal.SIGTERM, Signal.SIGUSR1, Signal.SIGINT);
	}

	@Test
	void anEmptyShutdownOnTakesNoShutdownSignalAsSpringBootBindsIt() {
		RelaunchSettings settings = read("--slimta.system.signals.handled=HUP", "--slimta.system.signals.shutdown-on=");
		assertThat(settings.handled()).containsExactly(Signal.SIGHUP);
		assertThat(settings.shutdownOn()).isEmpty();
	}

	@Test
	void refusesWhatSpringBootWouldRefuse() {
		assertThatIllegalArgumentException().isThrownBy(() -> read("--slimta.system.signals.relaunch=maybe"));
		assertThatIllegalArgumentException().isThrownBy(() -> read("--slimta.system.signals.backend=epoll"));
		assertThatIllegalArgumentException().isThrownBy(() -> read("--slimta.system.signals.handled=HUP,NOPE"));
		assertThatIllegalArgumentException().isThrownBy(() -> read("--slimta.system.signals.handled=HUP,INT,TERM,USR2"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> read("--slimta.system.signals.handled=HUP", "--slimta.system.signals.shutdown-on=TERM"));
	}

	@Test
	void namesWhatDiffersWithTheOtherSettingsValues() {
		RelaunchSettings atStart = read();
		RelaunchSettings last = new RelaunchSettings(true, true, SignalBackend.JDK, true,
				Set.of(Signal.SIGHUP, Signal.SIGTERM), atStart.shutdownOn(), false);
		assertThat(atStart.differences(last)).containsExactly(entry("slimta.system.signals.backend", "jdk"),
				entry("slimta.system.signals.handled", "HUP,TERM"));
	}

	private RelaunchSettings read(String... args) {
		return RelaunchSettings.read(StartupPropertiesAccess.read(List.of(args), Map.of(), Map.of(), this.directory));
	}

}
